package org.ebp.optim.second;

import java.util.SplittableRandom;

/**
 * A 1-H-1 network {@code o(x) = sum_u v_u tanh(a_u x + b_u) + c} fitted by half squared error
 * to P points, as a least-squares problem with its exact Jacobian (residuals scaled by
 * 1/sqrt(P), so the loss is the mean half squared error). Parameters: a (H), b (H), v (H), c.
 */
final class TinyNetProblem extends LeastSquaresProblem {

    private final int hidden;
    private final double[] x;
    private final double[] t;

    private TinyNetProblem(int hidden, double[] x, double[] t) {
        super(3 * hidden + 1, x.length);
        this.hidden = hidden;
        this.x = x;
        this.t = t;
    }

    /** Targets from a 1-3-1 net, which a 1-H-1 net with H >= 3 can fit exactly. */
    static TinyNetProblem fittingAnotherNet(int hidden, int points) {
        double[] x = new double[points];
        double[] t = new double[points];
        for (int p = 0; p < points; p++) {
            x[p] = -2 + 4.0 * p / (points - 1);
            t[p] = 0.8 * Math.tanh(1.5 * x[p] - 0.5) - 0.6 * Math.tanh(-x[p] + 1) + 0.4 * Math.tanh(2 * x[p] + 1.5) + 0.1;
        }
        return new TinyNetProblem(hidden, x, t);
    }

    double[] initialWeights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[dimension()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.8;
        }
        return w;
    }

    @Override
    void residuals(double[] w, double[] r, double[] j) {
        int n = dimension();
        double s = 1 / Math.sqrt(x.length);
        for (int p = 0; p < x.length; p++) {
            double o = w[3 * hidden];
            for (int u = 0; u < hidden; u++) {
                double h = Math.tanh(w[u] * x[p] + w[hidden + u]);
                o += w[2 * hidden + u] * h;
                double dh = 1 - h * h;
                j[p * n + u] = s * w[2 * hidden + u] * dh * x[p];
                j[p * n + hidden + u] = s * w[2 * hidden + u] * dh;
                j[p * n + 2 * hidden + u] = s * h;
            }
            j[p * n + 3 * hidden] = s;
            r[p] = s * (o - t[p]);
        }
    }

    @Override
    void addResidualCurvature(double[] w, double[] r, double[] v, double[] out) {
        throw new UnsupportedOperationException("not needed by Levenberg-Marquardt");
    }
}
