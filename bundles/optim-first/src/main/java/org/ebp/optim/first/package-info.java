/**
 * First-order optimizers (sections 1.4.1 and 1.4.7 of Efficient BackProp: SGD, momentum, per-weight
 * rates, the Murata-Mueller-Ziehe-Amari adaptive rate, and the later AdaGrad, RMSprop and Adam)
 * and learning-rate schedules, published as DS components with {@code ebp.kind=optimizer} and
 * {@code ebp.kind=schedule}. State arrays are named by meaning ({@code velocity}, {@code m},
 * {@code v}, ...) so that a swapped optimizer takes over what it understands. Private to this
 * bundle: other bundles see only the {@code org.ebp.api.optim} services.
 */
package org.ebp.optim.first;
