package org.ebp.optim.second;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;

/** Full N x N curvature matrices of a batch objective, for the small networks that full-matrix methods suit. */
final class CurvatureMatrices {

    /** Largest Jacobian (in doubles) formed at once; above it J'J comes from N Gauss-Newton-vector products. */
    static final long JACOBIAN_LIMIT = 32L << 20;

    private CurvatureMatrices() {
    }

    /**
     * The Gauss-Newton matrix {@code G = J'J} of eq 46 (J of the residuals scaled so that the
     * batch loss is |r|^2 / 2), row-major into {@code out}: through the Jacobian and one BLAS
     * product when J fits in {@link #JACOBIAN_LIMIT} doubles, else column by column from
     * Gauss-Newton-vector products {@code G e_i}.
     */
    static void gaussNewton(Objective objective, double[] w, ComputeService compute, double[] out) {
        int n = objective.dimension();
        boolean viaJacobian = objective.capabilities().contains(Capability.JACOBIAN)
                && (long) objective.residualCount() * n <= JACOBIAN_LIMIT;
        if (viaJacobian) {
            int m = objective.residualCount();
            double[] j = new double[m * n];
            objective.jacobian(w, j);
            compute.dgemm(true, false, n, n, m, 1.0, j, 0, n, j, 0, n, 0.0, out, 0, n);
            return;
        }
        columns(n, out, (v, column) -> objective.gaussNewtonVector(w, v, column));
    }

    /** The Hessian from N Hessian-vector products, symmetrised: {@code (H + H') / 2}. */
    static void hessian(Objective objective, double[] w, double[] out) {
        int n = objective.dimension();
        columns(n, out, (v, column) -> objective.hessianVector(w, v, column));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (out[i * n + j] + out[j * n + i]);
                out[i * n + j] = mean;
                out[j * n + i] = mean;
            }
        }
    }

    private interface Product {
        void apply(double[] v, double[] out);
    }

    private static void columns(int n, double[] out, Product product) {
        double[] e = new double[n];
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = 1;
            product.apply(e, column);
            e[i] = 0;
            for (int k = 0; k < n; k++) {
                out[k * n + i] = column[k];
            }
        }
    }
}
