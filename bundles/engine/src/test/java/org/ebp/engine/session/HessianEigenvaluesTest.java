package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestActivations;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** lambda_max by the power method and the online estimator, and Lanczos, against the exact spectrum of a small net. */
class HessianEigenvaluesTest {

    /** NaiveCompute's products plus eigenvalues by cyclic Jacobi rotations (plain, for tests). */
    static final class JacobiCompute implements ComputeService {
        private final NaiveCompute naive = new NaiveCompute();

        @Override
        public String name() {
            return "jacobi";
        }

        @Override
        public String description() {
            return "test double";
        }

        @Override
        public String library() {
            return "plain Java";
        }

        @Override
        public void dgemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                          double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
            naive.dgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }

        @Override
        public void sgemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                          float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            naive.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }

        @Override
        public void dgemv(boolean t, int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                          double beta, double[] y, int yOff) {
            naive.dgemv(t, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        }

        @Override
        public SymmetricEigen symmetricEigen(double[] a, int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double[] symmetricEigenvalues(double[] input, int n) {
            double[] a = java.util.Arrays.copyOf(input, n * n);
            for (int sweep = 0; sweep < 100; sweep++) {
                double off = 0;
                for (int p = 0; p < n; p++) {
                    for (int q = p + 1; q < n; q++) {
                        off += a[p * n + q] * a[p * n + q];
                    }
                }
                if (off < 1e-30) {
                    break;
                }
                for (int p = 0; p < n; p++) {
                    for (int q = p + 1; q < n; q++) {
                        double apq = a[p * n + q];
                        if (Math.abs(apq) < 1e-300) {
                            continue;
                        }
                        double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                        if (theta == 0) {
                            t = 1;
                        }
                        double c = 1 / Math.sqrt(t * t + 1);
                        double s = t * c;
                        for (int k = 0; k < n; k++) {
                            double akp = a[k * n + p];
                            double akq = a[k * n + q];
                            a[k * n + p] = c * akp - s * akq;
                            a[k * n + q] = s * akp + c * akq;
                        }
                        for (int k = 0; k < n; k++) {
                            double apk = a[p * n + k];
                            double aqk = a[q * n + k];
                            a[p * n + k] = c * apk - s * aqk;
                            a[q * n + k] = s * apk + c * aqk;
                        }
                    }
                }
            }
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = a[i * n + i];
            }
            java.util.Arrays.sort(values);
            return values;
        }

        @Override
        public SingularValues svd(double[] a, int m, int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double[] solve(double[] a, int n, double[] b, int nrhs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
            throw new UnsupportedOperationException();
        }
    }

    private final JacobiCompute compute = new JacobiCompute();
    private BatchObjective objective;
    private double[] w;
    private int[] order;

    HessianEigenvaluesTest() {
    }

    /** A 4-5-3 tanh net on 40 blobs, trained 2000 batch steps so that the Hessian is nearly positive definite. */
    @BeforeEach
    void trainedNet() throws Exception {
        Dataset data = new TestComponents.Blobs().load(new TestComponents.Blobs().settings(Map.of("size", "40")));
        Network network = new Network(new int[] {4, 5, 3}, TestActivations.tanh(), TestActivations.tanh());
        OutputLayerLoss loss = OutputLayerLoss.bind(network.outputActivation(), new MeanSquaredErrorLoss(), "mse");
        objective = new BatchObjective(network, loss, "mse", compute, new ExampleGatherer(data,
                TestComponents.coding("half", -0.5, 0.5), new TargetCoding.Levels(-0.5, 0.5), 3));
        order = new int[40];
        for (int i = 0; i < 40; i++) {
            order[i] = i;
        }
        objective.setBatch(order, 0, 40, true);
        SplittableRandom r = new SplittableRandom(5);
        w = new double[network.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-0.5, 0.5);
        }
        double[] g = new double[w.length];
        for (int step = 0; step < 2000; step++) {
            objective.valueAndGradient(w, g);
            for (int i = 0; i < w.length; i++) {
                w[i] -= 0.2 * g[i];
            }
        }
    }

    @Test
    void theFullHessianIsSymmetricAndItsColumnsAreProducts() {
        double[] h = HessianEigenvalues.fullHessian(objective, w);
        int n = w.length;
        double[] e = new double[n];
        double[] column = new double[n];
        e[7] = 1;
        objective.hessianVector(w, e, column);
        for (int k = 0; k < n; k++) {
            // symmetrisation moves entries by the asymmetry of rounding only
            assertEquals(column[k], h[k * n + 7], 1e-12);
            assertEquals(h[k * n + 7], h[7 * n + k], 0.0);
        }
    }

    /**
     * The power method (eq 60) to a relative change of 1e-10 per iteration: within 1e-6 of the
     * exact top eigenvalue (far inside the 1% of the issue; the error of the Rayleigh estimate is
     * about the square of the eigenvector error).
     */
    @Test
    void powerMethodFindsTheTopEigenvalue() {
        double[] exact = HessianEigenvalues.exactEigenvalues(objective, w, compute);
        assertTrue(Math.abs(exact[exact.length - 1]) < exact[0], "lambda_max has the largest magnitude here");
        HessianEigenvalues.Estimate e = HessianEigenvalues.power(objective, w, 5000, 1e-10, 3);
        assertTrue(e.converged());
        assertEquals(exact[0], e.value(), 1e-6 * exact[0]);
        // the same with products from differences of gradients (eq 63), to 1e-4 (their O(h^2) error)
        objective.setHessianVectorMode(BatchObjective.HessianVectorMode.FINITE_DIFFERENCE);
        HessianEigenvalues.Estimate fd = HessianEigenvalues.power(objective, w, 5000, 1e-9, 3);
        assertEquals(exact[0], fd.value(), 1e-4 * exact[0]);
    }

    /**
     * The online estimator (eq 64), one pattern at a time: with gamma = 0.005 and 30 sweeps over
     * the 40 patterns (1200 products) its |psi|, averaged over the last sweep, is within 1% of
     * the exact lambda_max. (The fluctuation scales with sqrt(gamma); with gamma = 0.05 the
     * estimate is within a few per cent, the paper's "right order of magnitude".)
     */
    @Test
    void onlineEstimatorIsWithinOnePercent() {
        double[] exact = HessianEigenvalues.exactEigenvalues(objective, w, compute);
        HessianEigenvalues.Estimate e = HessianEigenvalues.online(objective, p -> objective.setBatch(order, p, 1, false),
                40, w, 30, 0.005, 4);
        assertEquals(exact[0], e.value(), 0.01 * exact[0], "online " + e.value() + " vs exact " + exact[0]);
    }

    /** Lanczos with full reorthogonalisation and 3k steps: the top 5 to 1e-8 relative. */
    @Test
    void lanczosFindsTheTopEigenvalues() {
        double[] exact = HessianEigenvalues.exactEigenvalues(objective, w, compute);
        double[] top = HessianEigenvalues.lanczos(objective, w, 5, 38, compute, 2);
        for (int i = 0; i < 5; i++) {
            assertEquals(exact[i], top[i], 1e-8 * Math.abs(exact[0]), "eigenvalue " + i);
        }
    }
}
