package org.ebp.optim.second;

import java.util.EnumSet;
import java.util.Set;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;

/**
 * A test objective {@code E(w) = |r(w)|^2 / 2} from residuals with their Jacobian and the
 * Hessians of the residuals, so that gradient, Hessian ({@code J'J + sum r_i H_i}),
 * Gauss-Newton matrix and its diagonal are all exact. Counts evaluations.
 */
abstract class LeastSquaresProblem implements Objective {

    private final int n;
    private final int m;
    private final ParameterLayout layout;
    int evaluations;
    int batch = 1;
    boolean fullBatch = true;

    LeastSquaresProblem(int n, int m) {
        this.n = n;
        this.m = m;
        this.layout = ParameterLayout.builder().add("w", 1, ParameterLayout.Role.WEIGHTS, n, 1, 1).build();
    }

    abstract void residuals(double[] w, double[] r, double[] jacobian);

    /** Adds {@code sum_i r_i H_i v} to out. */
    abstract void addResidualCurvature(double[] w, double[] r, double[] v, double[] out);

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public boolean fullBatch() {
        return fullBatch;
    }

    @Override
    public String lossName() {
        return "mse";
    }

    @Override
    public boolean squaredError() {
        return true;
    }

    @Override
    public double value(double[] w) {
        double[] r = new double[m];
        residuals(w, r, new double[m * n]);
        evaluations++;
        double s = 0;
        for (double x : r) {
            s += x * x;
        }
        return s / 2;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        double[] r = new double[m];
        double[] j = new double[m * n];
        residuals(w, r, j);
        evaluations++;
        java.util.Arrays.fill(gradient, 0);
        double s = 0;
        for (int k = 0; k < m; k++) {
            s += r[k] * r[k];
            for (int i = 0; i < n; i++) {
                gradient[i] += j[k * n + i] * r[k];
            }
        }
        return s / 2;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public void gaussNewtonVector(double[] w, double[] v, double[] out) {
        double[] r = new double[m];
        double[] j = new double[m * n];
        residuals(w, r, j);
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < m; k++) {
            double jv = 0;
            for (int i = 0; i < n; i++) {
                jv += j[k * n + i] * v[i];
            }
            for (int i = 0; i < n; i++) {
                out[i] += j[k * n + i] * jv;
            }
        }
    }

    @Override
    public void hessianVector(double[] w, double[] v, double[] out) {
        gaussNewtonVector(w, v, out);
        double[] r = new double[m];
        residuals(w, r, new double[m * n]);
        addResidualCurvature(w, r, v, out);
    }

    @Override
    public void diagonalGaussNewton(double[] w, double[] out) {
        double[] r = new double[m];
        double[] j = new double[m * n];
        residuals(w, r, j);
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                out[i] += j[k * n + i] * j[k * n + i];
            }
        }
    }

    @Override
    public int residualCount() {
        return m;
    }

    @Override
    public void residuals(double[] w, double[] r) {
        residuals(w, r, new double[m * n]);
    }

    @Override
    public void jacobian(double[] w, double[] j) {
        residuals(w, new double[m], j);
    }

    /** Rosenbrock's valley as least squares: r = (10 (w1 - w0^2), 1 - w0), minimum 0 at (1, 1). */
    static LeastSquaresProblem rosenbrock() {
        return new LeastSquaresProblem(2, 2) {
            @Override
            void residuals(double[] w, double[] r, double[] j) {
                r[0] = 10 * (w[1] - w[0] * w[0]);
                r[1] = 1 - w[0];
                j[0] = -20 * w[0];
                j[1] = 10;
                j[2] = -1;
                j[3] = 0;
            }

            @Override
            void addResidualCurvature(double[] w, double[] r, double[] v, double[] out) {
                out[0] += r[0] * -20 * v[0];
            }
        };
    }

    /**
     * A convex quadratic {@code |M w - c|^2 / 2} in n dimensions with the eigenvalues of M'M
     * spread over [1, condition] (M diagonal in a rotated basis).
     */
    static LeastSquaresProblem quadratic(int n, double condition, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] q = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            q[i] = random.nextGaussian();
        }
        // Gram-Schmidt: an orthonormal basis
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += q[a * n + i] * q[b * n + i];
                }
                for (int i = 0; i < n; i++) {
                    q[a * n + i] -= d * q[b * n + i];
                }
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += q[a * n + i] * q[a * n + i];
            }
            for (int i = 0; i < n; i++) {
                q[a * n + i] /= Math.sqrt(s);
            }
        }
        double[] mat = new double[n * n];
        for (int a = 0; a < n; a++) {
            double singular = Math.sqrt(Math.pow(condition, a / (double) Math.max(1, n - 1)));
            for (int i = 0; i < n; i++) {
                mat[a * n + i] = singular * q[a * n + i];
            }
        }
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = random.nextGaussian();
        }
        return new LeastSquaresProblem(n, n) {
            @Override
            void residuals(double[] w, double[] r, double[] j) {
                for (int k = 0; k < n; k++) {
                    double s = -c[k];
                    for (int i = 0; i < n; i++) {
                        s += mat[k * n + i] * w[i];
                        j[k * n + i] = mat[k * n + i];
                    }
                    r[k] = s;
                }
            }

            @Override
            void addResidualCurvature(double[] w, double[] r, double[] v, double[] out) {
                // linear residuals: no curvature of their own
            }
        };
    }
}
