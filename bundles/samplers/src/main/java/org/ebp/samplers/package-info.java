/**
 * Example order and mini-batch size (sections 1.4.1 and 1.4.2 of Efficient BackProp), published
 * as DS components with {@code ebp.kind=sampler}: the stored order, a fresh shuffle every epoch,
 * class interleaving, the emphasizing scheme with a capped emphasis, and a growing batch size.
 * Private to this bundle: other bundles see only the {@code org.ebp.api.optim.Sampler} services.
 */
package org.ebp.samplers;
