package org.ebp.optim.second;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.CurvatureEstimates;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Schedule;
import org.ebp.compute.jblas.PureJavaCompute;
import org.junit.jupiter.api.Test;

/**
 * Issue #12 item 6: away from a minimum the Hessian has negative eigenvalues, and the one of
 * largest magnitude may be negative. The schedule used |psi| (the largest magnitude): on a
 * quadratic with eigenvalues {-6, 3, 1, 0.5, -0.25, ...} it gave eta = 1/6 instead of 1/3. Now it
 * uses the largest algebraic eigenvalue, checked against an exact eigendecomposition of the
 * Hessian, with and without exact Hessian-vector products, and keeps lr when no curvature is
 * positive.
 */
class InverseLambdaMaxIndefiniteTest {

    /** E(w) = w'Aw / 2 with A = Q diag(eigenvalues) Q', Q a random rotation: H = A everywhere. */
    static final class Quadratic implements Objective {
        final int n;
        final double[] a;
        final boolean exactProducts;
        int batch = 50;

        Quadratic(double[] eigenvalues, long seed, boolean exactProducts) {
            n = eigenvalues.length;
            this.exactProducts = exactProducts;
            double[][] q = rotation(n, seed);
            a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += q[k][i] * eigenvalues[k] * q[k][j];
                    }
                    a[i * n + j] = s;
                }
            }
        }

        /** Rows: an orthonormal basis by Gram-Schmidt on Gaussian vectors. */
        private static double[][] rotation(int n, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] q = new double[n][n];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < n; i++) {
                    q[k][i] = random.nextGaussian();
                }
                for (int j = 0; j < k; j++) {
                    double d = CurvatureEstimates.dot(q[k], q[j]);
                    for (int i = 0; i < n; i++) {
                        q[k][i] -= d * q[j][i];
                    }
                }
                double length = CurvatureEstimates.norm(q[k]);
                for (int i = 0; i < n; i++) {
                    q[k][i] /= length;
                }
            }
            return q;
        }

        @Override
        public int dimension() {
            return n;
        }

        @Override
        public ParameterLayout layout() {
            return ParameterLayout.builder().add("w", 1, ParameterLayout.Role.WEIGHTS, n, 1, 1).build();
        }

        @Override
        public int batchSize() {
            return batch;
        }

        @Override
        public boolean fullBatch() {
            return true;
        }

        @Override
        public String lossName() {
            return "quadratic";
        }

        @Override
        public boolean squaredError() {
            return false;
        }

        @Override
        public double value(double[] w) {
            return valueAndGradient(w, new double[n]);
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradient) {
            hessianVector(w, w, gradient);
            return CurvatureEstimates.dot(w, gradient) / 2;
        }

        @Override
        public Set<Capability> capabilities() {
            return exactProducts ? EnumSet.of(Capability.HESSIAN_VECTOR) : EnumSet.noneOf(Capability.class);
        }

        @Override
        public void hessianVector(double[] w, double[] v, double[] out) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i * n + j] * v[j];
                }
                out[i] = s;
            }
        }
    }

    private static final double[] INDEFINITE = {-6, 3, 1, 0.5, -0.25, 0.1, 2, -1};

    /** The largest algebraic eigenvalue of A from a symmetric eigendecomposition (not from the construction). */
    private static double exactLargest(Quadratic q) {
        double[] ascending = new PureJavaCompute().symmetricEigenvalues(q.a.clone(), q.n);
        return ascending[q.n - 1];
    }

    private static double batchRate(Quadratic q, Map<String, String> settings) {
        InverseLambdaMaxSchedule schedule = new InverseLambdaMaxSchedule();
        Settings s = schedule.settings(settings);
        State state = schedule.init(s);
        return schedule.rate(new Schedule.Context(0.01, 0, 1, 1, q, new double[q.n]), state, s);
    }

    @Test
    void theBatchEstimateIsTheLargestAlgebraicEigenvalueNotTheLargestMagnitude() {
        for (boolean exact : new boolean[] {true, false}) {
            Quadratic q = new Quadratic(INDEFINITE, 3, exact);
            double lambdaMax = exactLargest(q);
            assertEquals(3.0, lambdaMax, 1e-9, "the decomposition finds the constructed eigenvalue");
            // 200 iterations: the run shifted by -6 converges at (2 + 6) / (3 + 6) = 0.89 per step, 0.89^200 ~ 1e-10
            double rate = batchRate(q, Map.of("iterations", "200"));
            assertEquals(1 / lambdaMax, rate, 1e-3 / lambdaMax, (exact ? "exact" : "eq 63") + " products: rate " + rate
                    + " (1/|lambda| of the dominant -6 would be " + 1 / 6.0 + ")");
        }
    }

    @Test
    void thePowerEstimatesAgreeWithTheDecompositionAtBothEnds() {
        Quadratic q = new Quadratic(INDEFINITE, 5, true);
        double[] ascending = new PureJavaCompute().symmetricEigenvalues(q.a.clone(), q.n);
        double[] psi = new double[q.n];
        double[] other = new double[q.n];
        java.util.Arrays.fill(psi, 1);
        other[0] = 1;
        other[1] = -0.5;
        CurvatureEstimates.Ends ends = CurvatureEstimates.ends((v, out) -> q.hessianVector(null, v, out), psi, other, 500, 1e-12);
        assertEquals(ascending[q.n - 1], ends.largest().value(), 1e-6);
        assertEquals(ascending[0], ends.smallest().value(), 1e-6);
        CurvatureEstimates.Estimate largest = CurvatureEstimates.largest((v, out) -> q.hessianVector(null, v, out),
                new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 500, 1e-12);
        assertEquals(ascending[q.n - 1], largest.value(), 1e-6);
    }

    @Test
    void theOnlineEstimateConvergesToTheLargestAlgebraicEigenvalue() {
        Quadratic q = new Quadratic(INDEFINITE, 7, true);
        q.batch = 1;
        InverseLambdaMaxSchedule schedule = new InverseLambdaMaxSchedule();
        Settings s = schedule.settings(Map.of("patterns", "3000", "gamma", "0.02"));
        State state = schedule.init(s);
        double rate = 0;
        for (int step = 0; step < 3000; step++) {
            rate = schedule.rate(new Schedule.Context(0.01, step, 1, 3000, q, new double[q.n]), state, s);
        }
        assertEquals(1 / exactLargest(q), rate, 0.01 / exactLargest(q), "eq 64 with the dominant -6 present");
    }

    @Test
    void withoutPositiveCurvatureTheRateStaysLr() {
        double[] concave = {-6, -3, -1, -0.5};
        Quadratic batch = new Quadratic(concave, 11, true);
        assertEquals(0.01, batchRate(batch, Map.of("iterations", "100")), 0.0, "batch: lambda_max < 0 gives no rate");

        Quadratic online = new Quadratic(concave, 11, true);
        online.batch = 1;
        InverseLambdaMaxSchedule schedule = new InverseLambdaMaxSchedule();
        Settings s = schedule.settings(Map.of("patterns", "500"));
        State state = schedule.init(s);
        for (int step = 0; step < 600; step++) {
            assertEquals(0.01, schedule.rate(new Schedule.Context(0.01, step, 1, 600, online, new double[4]), state, s), 0.0,
                    "online: step " + step + ", lambda " + state.scalar(InverseLambdaMaxSchedule.LAMBDA, Double.NaN));
        }
        assertTrue(state.scalar(InverseLambdaMaxSchedule.LAMBDA, Double.NaN) < 0, "the estimate says the curvature is negative");

        Quadratic flat = new Quadratic(new double[] {1e-5, 1e-6, -1e-6}, 13, true);
        assertEquals(0.01, batchRate(flat, Map.of()), 0.0, "a vanishing curvature (1/lambda = 1e5) is no rate either");
    }
}
