/**
 * Second-order optimizers (sections 1.6 and 1.9 of Efficient BackProp): conjugate gradient
 * (Fletcher-Reeves, Polak-Ribiere) and BFGS / L-BFGS with a strong-Wolfe line search,
 * Gauss-Newton, Levenberg-Marquardt, damped Newton, the stochastic diagonal Levenberg-Marquardt
 * method, and the learning-rate schedule eta = 1/lambda_max (eqs 39, 63-64). Each declares its
 * {@link org.ebp.api.optim.Requirements}; private to this bundle.
 */
package org.ebp.optim.second;
