package org.ebp.api.optim;

/** What an {@link Objective} can compute besides loss and gradient (section 1.7). */
public enum Capability {
    /** Exact Hessian-vector products (R-operator), or by finite differences of gradients (eq 59). */
    HESSIAN_VECTOR,
    /** Gauss-Newton-vector products {@code J'J v}. */
    GAUSS_NEWTON_VECTOR,
    /** The diagonal Gauss-Newton term by backpropagating second derivatives (eqs 54-56). */
    DIAGONAL_GAUSS_NEWTON,
    /** Residuals and their Jacobian (squared-error losses only, eq 51). */
    JACOBIAN
}
