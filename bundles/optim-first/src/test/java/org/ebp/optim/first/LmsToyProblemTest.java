package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;
import org.junit.jupiter.api.Test;

/**
 * The paper's LMS toy problem (section 1.5.3, figs 8-9): 100 points from two Gaussian classes
 * with means (-0.4, -0.8) and (0.4, 0.8) and unit variance in each coordinate, 50 per class,
 * targets -1 and +1, one linear unit y = w1 x1 + w2 x2 + w0 with the mean squared error
 * E = 1/(2P) sum (d - y)^2. Its Hessian is H = (1/P) sum x x^T with the bias input x0 = 1 (eq 29),
 * constant, so batch gradient descent follows W(t+1) - W* = (I - eta H)(W(t) - W*) exactly
 * (eq 33): it converges for eta < 2/lambda_max and diverges above (eq 38), and along the top
 * eigenvector eta = 1/lambda_max reaches the minimum in one step (eq 39).
 *
 * <p>The optimizer is the real {@code sgd} component taking full-batch steps. lambda_max comes
 * from an eigen-decomposition of the exact H (cyclic Jacobi rotations, exact for a symmetric
 * 3 x 3 matrix to rounding). With unit variances the population Hessian has eigenvalues 1.8,
 * 1.0 and 1.0; this sample of 100 points has 2.019, 1.024 and 0.878 (ratio 0.43, checked with numpy).
 *
 * <p>"1/lambda_max is fastest" is exact along the top eigenvector (one step, eq 39). Over all
 * directions the contraction per step is max_i |1 - eta lambda_i|, smallest at
 * eta = 2/(lambda_min + lambda_max); when lambda_min/lambda_max is below 1/2, as here, a rate a
 * little above 1/lambda_max (1.5/lambda_max) needs a few steps fewer (measured 32 against 34).
 * The tests check what holds: one step along the top eigenvector, convergence below and
 * divergence above 2/lambda_max, 1/lambda_max far faster than 0.5/lambda_max and 1.9/lambda_max
 * and within 10% of the best rate tried, and 2/(lambda_min + lambda_max) fastest of all.
 */
class LmsToyProblemTest {

    private static final int POINTS = 100;
    /** Converged when every weight is within this of the least-squares solution. */
    private static final double TOLERANCE = 1e-10;
    private static final int MAX_STEPS = 100_000;

    /** The 100 inputs (x1, x2, 1) and targets, from a fixed seed. */
    private static final double[][] X = new double[POINTS][];
    private static final double[] D = new double[POINTS];

    static {
        Random random = new Random(19);
        for (int p = 0; p < POINTS; p++) {
            double sign = p < POINTS / 2 ? -1 : 1;
            X[p] = new double[] {sign * 0.4 + random.nextGaussian(), sign * 0.8 + random.nextGaussian(), 1.0};
            D[p] = sign;
        }
    }

    /** E(w) = 1/(2P) sum (d - w.x)^2 and its gradient (1/P) sum (w.x - d) x. */
    static final class LmsObjective implements Objective {
        private final ParameterLayout layout = ParameterLayout.builder()
                .add("layer1.weights", 1, ParameterLayout.Role.WEIGHTS, 1, 3, 3).build();

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public ParameterLayout layout() {
            return layout;
        }

        @Override
        public int batchSize() {
            return POINTS;
        }

        @Override
        public boolean fullBatch() {
            return true;
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
            return valueAndGradient(w, new double[3]);
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            java.util.Arrays.fill(gradient, 0.0);
            double e = 0;
            for (int p = 0; p < POINTS; p++) {
                double r = w[0] * X[p][0] + w[1] * X[p][1] + w[2] * X[p][2] - D[p];
                e += 0.5 * r * r / POINTS;
                for (int i = 0; i < 3; i++) {
                    gradient[i] += r * X[p][i] / POINTS;
                }
            }
            return e;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }
    }

    /** H = (1/P) sum x x^T (eq 29). */
    static double[][] hessian() {
        double[][] h = new double[3][3];
        for (double[] x : X) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    h[i][j] += x[i] * x[j] / POINTS;
                }
            }
        }
        return h;
    }

    /** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, in increasing order. */
    static double[] eigenvalues(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0.0) {
                        continue;
                    }
                    // the rotation angle that zeroes a[p][q]
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0.0) {
                        t = 1.0;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        java.util.Arrays.sort(values);
        return values;
    }

    /** The least-squares solution W* = H^-1 (1/P) sum d x, by Cramer's rule on the 3 x 3 system. */
    static double[] minimum() {
        double[][] h = hessian();
        double[] b = new double[3];
        for (int p = 0; p < POINTS; p++) {
            for (int i = 0; i < 3; i++) {
                b[i] += D[p] * X[p][i] / POINTS;
            }
        }
        double det = determinant(h);
        double[] w = new double[3];
        for (int col = 0; col < 3; col++) {
            double[][] m = new double[3][];
            for (int i = 0; i < 3; i++) {
                m[i] = h[i].clone();
                m[i][col] = b[i];
            }
            w[col] = determinant(m) / det;
        }
        return w;
    }

    private static double determinant(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    /**
     * Full-batch steps of the sgd component at rate {@code eta} from w = 0, until every weight is
     * within {@link #TOLERANCE} of W*; -1 when the distance has grown a millionfold instead.
     */
    private static int stepsToConverge(double eta) {
        SgdOptimizer sgd = new SgdOptimizer();
        Settings settings = sgd.settings(Map.of("lr", Double.toString(eta)));
        LmsObjective objective = new LmsObjective();
        State state = sgd.init(objective.layout(), settings);
        double[] target = minimum();
        double[] w = new double[3];
        double start = Steps.distance(w, target);
        for (int step = 0; step < MAX_STEPS; step++) {
            double distance = Steps.distance(w, target);
            if (distance <= TOLERANCE) {
                return step;
            }
            if (!(distance < 1e6 * start)) {
                return -1;
            }
            Steps.one(sgd, settings, w, objective, state, step);
        }
        throw new AssertionError("eta=" + eta + " neither converged nor diverged in " + MAX_STEPS + " steps");
    }

    @Test
    void theHessianIsTheInputCovarianceWithTheExpectedSpectrum() {
        double[] lambda = eigenvalues(hessian());
        // population values 1.0, 1.0, 1.8; this sample: 0.8775, 1.0237, 2.0194 (numpy eigvalsh)
        assertEquals(2.0194404, lambda[2], 1e-6);
        assertEquals(0.8775049, lambda[0], 1e-6);
        assertTrue(lambda[0] > 0.5, "lambda_min " + lambda[0]);
        // eigenvalues sum to the trace
        double[][] h = hessian();
        assertEquals(h[0][0] + h[1][1] + h[2][2], lambda[0] + lambda[1] + lambda[2], 1e-12);
    }

    /** eqs 38-39: converges below 2/lambda_max, diverges above; 1/lambda_max is the fastest rate tried. */
    @Test
    void batchGradientDescentConvergesBelowTwoOverLambdaMaxAndIsFastestAtOneOverLambdaMax() {
        double lambdaMax = eigenvalues(hessian())[2];
        double[] ratios = {0.5, 1.0, 1.5, 1.9, 2.1};
        int[] steps = new int[ratios.length];
        for (int i = 0; i < ratios.length; i++) {
            steps[i] = stepsToConverge(ratios[i] / lambdaMax);
        }
        String report = "steps to 1e-10 for eta*lambda_max = 0.5, 1, 1.5, 1.9, 2.1: " + java.util.Arrays.toString(steps);
        for (int i = 0; i < 4; i++) {
            assertTrue(steps[i] > 0, "eta = " + ratios[i] + "/lambda_max did not converge; " + report);
        }
        assertEquals(-1, steps[4], "eta = 2.1/lambda_max did not diverge; " + report);
        // far faster than half the rate, or than a rate near the limit, which crawls at |1 - 1.9| = 0.9 per step
        assertTrue(2 * steps[1] < steps[0], report);
        assertTrue(4 * steps[1] < steps[3], report);
        int best = Math.min(Math.min(steps[0], steps[1]), Math.min(steps[2], steps[3]));
        assertTrue(steps[1] <= 1.1 * best, "1/lambda_max is more than 10% slower than the best rate tried; " + report);
        double[] lambda = eigenvalues(hessian());
        int optimal = stepsToConverge(2 / (lambda[0] + lambda[2]));
        assertTrue(optimal > 0 && optimal <= best, "2/(lambda_min + lambda_max) took " + optimal + "; " + report);
    }

    /** eq 39: one step of 1/lambda_max removes the error along the top eigenvector entirely. */
    @Test
    void oneOverLambdaMaxReachesTheMinimumAlongTheTopEigenvectorInOneStep() {
        double[][] h = hessian();
        double lambdaMax = eigenvalues(h)[2];
        // top eigenvector by the power method (eq 60): the gap 2.02 / 1.02 shrinks the rest by about 2^-1 per step
        double[] v = {1, 1, 1};
        for (int k = 0; k < 200; k++) {
            double[] hv = new double[3];
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    hv[i] += h[i][j] * v[j];
                }
                norm += hv[i] * hv[i];
            }
            for (int i = 0; i < 3; i++) {
                v[i] = hv[i] / Math.sqrt(norm);
            }
        }
        double[] target = minimum();
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) {
            w[i] = target[i] + v[i];
        }
        SgdOptimizer sgd = new SgdOptimizer();
        Settings settings = sgd.settings(Map.of("lr", Double.toString(1 / lambdaMax)));
        LmsObjective objective = new LmsObjective();
        Steps.one(sgd, settings, w, objective, sgd.init(objective.layout(), settings), 0);
        // rounding of a few operations on numbers of order 1
        assertEquals(0.0, Steps.distance(w, target), 1e-12);
    }

    /** Just below and just above 2/lambda_max: the boundary of eq 38 is sharp. */
    @Test
    void theBoundaryIsTwoOverLambdaMax() {
        double lambdaMax = eigenvalues(hessian())[2];
        assertTrue(stepsToConverge(1.98 / lambdaMax) > 0);
        assertEquals(-1, stepsToConverge(2.02 / lambdaMax));
    }
}
