package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.compute.jblas.PureJavaCompute;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestActivations;
import org.ebp.engine.testing.TestComponents;
import org.ebp.engine.training.BatchObjective;
import org.ebp.engine.training.ExampleGatherer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** lambda_max by the power method and the online estimator, and Lanczos, against the exact spectrum of a small net. */
class HessianEigenvaluesTest {

    /** Products and eigenvalues (cyclic Jacobi) from the pure-Java reference provider. */
    private final ComputeService compute = new PureJavaCompute();
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
        HessianEigenvalues.OnlineEstimate e = HessianEigenvalues.online(objective,
                p -> objective.setBatch(order, p, 1, false), 40, w, 30, 0.005, 4);
        assertTrue(e.positive(), "Rayleigh quotient " + e.rayleigh());
        assertEquals(exact[0], e.magnitude(), 0.01 * exact[0], "online " + e.magnitude() + " vs exact " + exact[0]);
        // along the converged psi the Rayleigh quotient is lambda_max too (to the same fluctuation)
        assertEquals(exact[0], e.rayleigh(), 0.02 * exact[0], "Rayleigh quotient vs exact " + exact[0]);
    }

    /**
     * Negative curvature. At a saddle, H = diag(-3, 1, 0.5) for every pattern, eq 64 converges to
     * the largest positive eigenvalue (1; the -3 component shrinks by 1 - 4 gamma per step), which
     * bounds the learning rate, where the power method would find -3. At a maximum, H =
     * diag(-3, -1), there is no fixed point: psi oscillates near 0, and the Rayleigh quotient says
     * so where |psi| alone would read as a small positive lambda_max.
     */
    @Test
    void onlineEstimatorFindsTheLargestPositiveCurvatureAndFlagsNone() {
        HessianEigenvalues.OnlineEstimate saddle = HessianEigenvalues.online(new DiagonalHessian(new double[] {-3, 1, 0.5}),
                p -> { }, 50, new double[3], 40, 0.01, 7);
        assertTrue(saddle.positive(), "Rayleigh quotient " + saddle.rayleigh());
        assertEquals(1, saddle.magnitude(), 0.01);
        assertEquals(1, saddle.rayleigh(), 0.01);

        HessianEigenvalues.OnlineEstimate maximum = HessianEigenvalues.online(new DiagonalHessian(new double[] {-3, -1}),
                p -> { }, 50, new double[2], 40, 0.01, 7);
        assertFalse(maximum.positive(), "Rayleigh quotient " + maximum.rayleigh());
        assertTrue(maximum.rayleigh() < -0.9, "Rayleigh quotient " + maximum.rayleigh());
        assertTrue(maximum.magnitude() < 0.1, "|psi| " + maximum.magnitude());
    }

    /** An objective whose Hessian is a fixed diagonal matrix (only hessianVector is used). */
    private record DiagonalHessian(double[] diagonal) implements org.ebp.api.optim.Objective {
        public int dimension() {
            return diagonal.length;
        }

        public org.ebp.api.model.ParameterLayout layout() {
            throw new UnsupportedOperationException();
        }

        public int batchSize() {
            return 1;
        }

        public boolean fullBatch() {
            return false;
        }

        public String lossName() {
            return "quadratic";
        }

        public boolean squaredError() {
            return false;
        }

        public double value(double[] w) {
            double v = 0;
            for (int i = 0; i < w.length; i++) {
                v += 0.5 * diagonal[i] * w[i] * w[i];
            }
            return v;
        }

        public double valueAndGradient(double[] w, double[] gradient) {
            for (int i = 0; i < w.length; i++) {
                gradient[i] = diagonal[i] * w[i];
            }
            return value(w);
        }

        public java.util.Set<org.ebp.api.optim.Capability> capabilities() {
            return java.util.Set.of(org.ebp.api.optim.Capability.HESSIAN_VECTOR);
        }

        @Override
        public void hessianVector(double[] w, double[] v, double[] out) {
            for (int i = 0; i < v.length; i++) {
                out[i] = diagonal[i] * v[i];
            }
        }
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

    /** H = Q diag(eigenvalues) Q' for a random orthogonal Q (Householder), as an objective of products only. */
    private static org.ebp.api.optim.Objective symmetricMatrix(double... eigenvalues) {
        int n = eigenvalues.length;
        SplittableRandom r = new SplittableRandom(11);
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = r.nextGaussian();
        }
        double uu = HessianEigenvalues.dot(u, u);
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double qik = (i == k ? 1 : 0) - 2 * u[i] * u[k] / uu;
                    double qjk = (j == k ? 1 : 0) - 2 * u[j] * u[k] / uu;
                    sum += qik * eigenvalues[k] * qjk;
                }
                h[i * n + j] = sum;
            }
        }
        return new org.ebp.api.optim.Objective() {
            public int dimension() { return n; }
            public org.ebp.api.model.ParameterLayout layout() { throw new UnsupportedOperationException(); }
            public int batchSize() { return 1; }
            public boolean fullBatch() { return true; }
            public String lossName() { return "quadratic"; }
            public boolean squaredError() { return false; }
            public double value(double[] x) { throw new UnsupportedOperationException(); }
            public double valueAndGradient(double[] x, double[] g) { throw new UnsupportedOperationException(); }
            public java.util.Set<org.ebp.api.optim.Capability> capabilities() {
                return java.util.Set.of(org.ebp.api.optim.Capability.HESSIAN_VECTOR);
            }
            @Override
            public void hessianVector(double[] x, double[] v, double[] out) {
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += h[i * n + j] * v[j];
                    }
                    out[i] = sum;
                }
            }
        };
    }

    /**
     * The case: away from a minimum a negative eigenvalue (-47.5) dominates in magnitude.
     * The power method alone converges to it; both ends report the largest algebraic one (3) as
     * lambda_max and -47.5 as lambda_min. Convergence to 1e-12 relative change: within 1e-6.
     */
    @Test
    void lambdaMaxIsTheLargestAlgebraicEigenvalueWhenANegativeOneDominates() {
        org.ebp.api.optim.Objective h = symmetricMatrix(3, 1.5, 0.2, -0.7, -47.5);
        double[] x = new double[5];
        assertEquals(-47.5, HessianEigenvalues.power(h, x, 10000, 1e-12, 1).value(), 1e-6,
                "the plain power method finds the largest magnitude");
        HessianEigenvalues.Ends ends = HessianEigenvalues.ends(h, x, 10000, 1e-12, 1);
        assertEquals(3, ends.largest().value(), 1e-6);
        assertEquals(-47.5, ends.smallest().value(), 1e-6);
        assertTrue(ends.largest().converged() && ends.smallest().converged());
        // and where the positive end dominates, the same call gives it first
        HessianEigenvalues.Ends positive = HessianEigenvalues.ends(symmetricMatrix(40, 2, -1, -3), new double[4], 10000,
                1e-12, 1);
        assertEquals(40, positive.largest().value(), 1e-6);
        assertEquals(-3, positive.smallest().value(), 1e-6);
    }
}
