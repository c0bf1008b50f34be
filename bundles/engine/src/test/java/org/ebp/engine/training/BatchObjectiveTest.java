package org.ebp.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestActivations;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.Test;

class BatchObjectiveTest {

    private final Dataset data = new TestComponents.Blobs().load(new TestComponents.Blobs().settings(Map.of("size", "30")));
    private final Network network = new Network(new int[] {4, 5, 3}, TestActivations.tanh(), TestActivations.tanh());
    private final OutputLayerLoss loss = OutputLayerLoss.bind(network.outputActivation(), new MeanSquaredErrorLoss(), "mse");
    private final ExampleGatherer gatherer = new ExampleGatherer(data, TestComponents.coding("half", -0.5, 0.5),
            new TargetCoding.Levels(-0.5, 0.5), 3);

    BatchObjectiveTest() throws Exception {
    }

    private double[] weights() {
        SplittableRandom r = new SplittableRandom(1);
        double[] w = new double[network.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-0.5, 0.5);
        }
        return w;
    }

    @Test
    void aBatchInChunksGivesTheSameLossAndGradientAsInOnePass() {
        int[] order = {29, 3, 17, 8, 0, 11, 25, 4, 19, 2, 7};
        BatchObjective whole = new BatchObjective(network, loss, "mse", new NaiveCompute(), gatherer);
        BatchObjective chunked = new BatchObjective(network, loss, "mse", new NaiveCompute(), gatherer, 4);
        whole.setBatch(order, 1, 10, false);
        chunked.setBatch(order, 1, 10, false);
        double[] w = weights();
        double[] g1 = new double[w.length];
        double[] g2 = new double[w.length];
        double e1 = whole.valueAndGradient(w, g1);
        double e2 = chunked.valueAndGradient(w, g2);
        // the same sums grouped differently: rounding only
        assertEquals(e1, e2, 1e-14);
        for (int i = 0; i < w.length; i++) {
            assertEquals(g1[i], g2[i], 1e-14);
        }
        assertEquals(e1, chunked.value(w), 1e-14);
        assertEquals(10, chunked.batchSize());
        assertEquals(2, chunked.evaluations());
    }

    @Test
    void theLossIsTheMeanOfRecordedPerExampleLosses() {
        BatchObjective objective = new BatchObjective(network, loss, "mse", new NaiveCompute(), gatherer, 3);
        objective.recordExampleLosses(true);
        objective.setBatch(null, 5, 7, false);
        double[] w = weights();
        double e = objective.value(w);
        assertTrue(objective.exampleLossesRecorded());
        double sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += objective.exampleLosses()[i];
        }
        assertEquals(e, sum / 7, 1e-15);
        // a later evaluation at other weights (a line search) keeps the presented losses
        double first = objective.exampleLosses()[0];
        w[0] += 1;
        objective.value(w);
        assertEquals(first, objective.exampleLosses()[0]);
    }

    @Test
    void gradientOfTheObjectiveMatchesCentralDifferences() {
        BatchObjective objective = new BatchObjective(network, loss, "mse", new NaiveCompute(), gatherer, 4);
        objective.setBatch(null, 0, 9, false);
        double[] w = weights();
        double[] g = new double[w.length];
        double e = objective.valueAndGradient(w, g);
        double h = 1e-5;
        for (int i = 0; i < w.length; i++) {
            double saved = w[i];
            w[i] = saved + h;
            double plus = objective.value(w);
            w[i] = saved - h;
            double minus = objective.value(w);
            w[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            // tolerance as in NetworkGradientTest: 1e-6 relative, floored at 1e-3 max(1, E)
            double scale = Math.max(Math.abs(numeric) + Math.abs(g[i]), 1e-3 * Math.max(1, e));
            assertTrue(Math.abs(numeric - g[i]) / scale < 1e-6, i + ": " + g[i] + " vs " + numeric);
        }
    }
}
