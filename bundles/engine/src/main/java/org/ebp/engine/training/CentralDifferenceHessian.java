package org.ebp.engine.training;

import java.util.Arrays;

/**
 * A Hessian-vector product from two gradients, {@code H v ~ (g(w + h v) - g(w - h v)) / 2h} (the
 * central form of eq 59), with {@code h = 1e-5 (1 + |w|_inf) / |v|}: for networks without an exact
 * R-operator pass (RBF units) and as a check of the exact one. Keeps its two work vectors.
 */
final class CentralDifferenceHessian {

    /** The gradient of the objective at {@code w}, written into {@code gradient}. */
    interface Gradient {
        void at(double[] w, double[] gradient);
    }

    private final Gradient gradient;
    private final double[] shifted;
    private final double[] gradientPlus;

    CentralDifferenceHessian(int dimension, Gradient gradient) {
        this.gradient = gradient;
        this.shifted = new double[dimension];
        this.gradientPlus = new double[dimension];
    }

    /** {@code out = H v} at {@code w}; zero for {@code v = 0}. */
    void apply(double[] w, double[] v, double[] out) {
        int n = shifted.length;
        double norm = 0;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            norm += v[i] * v[i];
            largest = Math.max(largest, Math.abs(w[i]));
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            Arrays.fill(out, 0.0);
            return;
        }
        // central differences: truncation O(h^2 |v|^3), rounding O(eps / h); h ~ eps^(1/3) balances them
        double h = 1e-5 * (1 + largest) / norm;
        for (int i = 0; i < n; i++) {
            shifted[i] = w[i] + h * v[i];
        }
        gradient.at(shifted, gradientPlus);
        for (int i = 0; i < n; i++) {
            shifted[i] = w[i] - h * v[i];
        }
        gradient.at(shifted, out);
        for (int i = 0; i < n; i++) {
            out[i] = (gradientPlus[i] - out[i]) / (2 * h);
        }
    }
}
