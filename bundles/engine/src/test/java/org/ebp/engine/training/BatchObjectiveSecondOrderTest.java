package org.ebp.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.Capability;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestActivations;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.Test;

/** The objective's second-order capabilities over chunked batches, and the finite-difference mode. */
class BatchObjectiveSecondOrderTest {

    private final Dataset data = new TestComponents.Blobs().load(new TestComponents.Blobs().settings(Map.of("size", "30")));
    private final Network network = new Network(new int[] {4, 5, 3}, TestActivations.tanh(), TestActivations.tanh());
    private final OutputLayerLoss loss = OutputLayerLoss.bind(network.outputActivation(), new MeanSquaredErrorLoss(), "mse");
    private final ExampleGatherer gatherer = new ExampleGatherer(data, TestComponents.coding("half", -0.5, 0.5),
            new TargetCoding.Levels(-0.5, 0.5), 3);

    BatchObjectiveSecondOrderTest() throws Exception {
    }

    private double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextDouble(-0.8, 0.8);
        }
        return w;
    }

    /** The same sums grouped by chunk: equal to rounding (1e-13). */
    @Test
    void chunkedProductsEqualOnePass() {
        int[] order = {29, 3, 17, 8, 0, 11, 25, 4, 19, 2, 7};
        BatchObjective whole = new BatchObjective(network, loss, "mse", new NaiveCompute(), gatherer);
        BatchObjective chunked = new BatchObjective(network, loss, "mse", new NaiveCompute(), gatherer, 4);
        whole.setBatch(order, 1, 10, false);
        chunked.setBatch(order, 1, 10, false);
        double[] w = random(network.size(), 1);
        double[] v = random(network.size(), 2);
        int n = w.length;
        double[][] a = new double[4][n];
        double[][] b = new double[4][n];
        whole.hessianVector(w, v, a[0]);
        chunked.hessianVector(w, v, b[0]);
        whole.gaussNewtonVector(w, v, a[1]);
        chunked.gaussNewtonVector(w, v, b[1]);
        whole.diagonalGaussNewton(w, a[2]);
        chunked.diagonalGaussNewton(w, b[2]);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < n; i++) {
                assertEquals(a[k][i], b[k][i], 1e-13 * (1 + Math.abs(a[k][i])));
            }
        }
        int m = whole.residualCount();
        assertEquals(30, m);
        double[] ja = new double[m * n];
        double[] jb = new double[m * n];
        whole.jacobian(w, ja);
        chunked.jacobian(w, jb);
        for (int i = 0; i < ja.length; i++) {
            assertEquals(ja[i], jb[i], 1e-14);
        }
        double[] r = new double[m];
        chunked.residuals(w, r);
        double half = 0;
        for (double x : r) {
            half += x * x / 2;
        }
        assertEquals(whole.value(w), half, 1e-14);
    }

    /**
     * Central differences with h ~ 1e-5: error O(h^2) ~ 1e-10 relative plus rounding
     * eps |g| / h ~ 1e-11; 1e-6 of the scale (floored at 1e-3) is a safe bound.
     */
    @Test
    void finiteDifferenceModeAgreesWithTheRoperator() {
        BatchObjective objective = new BatchObjective(network, loss, "mse", new NaiveCompute(), gatherer, 4);
        objective.setBatch(null, 0, 13, false);
        double[] w = random(network.size(), 3);
        double[] v = random(network.size(), 4);
        double[] exact = new double[w.length];
        double[] fd = new double[w.length];
        objective.hessianVector(w, v, exact);
        objective.setHessianVectorMode(BatchObjective.HessianVectorMode.FINITE_DIFFERENCE);
        objective.hessianVector(w, v, fd);
        for (int i = 0; i < w.length; i++) {
            double scale = Math.max(Math.abs(exact[i]) + Math.abs(fd[i]), 1e-3);
            assertTrue(Math.abs(exact[i] - fd[i]) / scale < 1e-6, i + ": " + exact[i] + " vs " + fd[i]);
        }
    }

    @Test
    void crossEntropyHasNoJacobian() {
        Network softmaxNet = new Network(new int[] {4, 5, 3}, TestActivations.tanh(), TestActivations.softmax());
        OutputLayerLoss ce = OutputLayerLoss.bind(softmaxNet.outputActivation(), new CrossEntropyLoss(), "cross-entropy");
        BatchObjective objective = new BatchObjective(softmaxNet, ce, "cross-entropy", new NaiveCompute(),
                new ExampleGatherer(data, TestComponents.coding("one-hot", 0, 1), new TargetCoding.Levels(0, 1), 3));
        objective.setBatch(null, 0, 5, false);
        assertTrue(objective.capabilities().contains(Capability.HESSIAN_VECTOR));
        assertTrue(!objective.capabilities().contains(Capability.JACOBIAN));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, objective::residualCount);
        assertTrue(e.getMessage().contains("loss=mse"), e.getMessage());
    }
}
