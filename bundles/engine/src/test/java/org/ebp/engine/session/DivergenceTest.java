package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ebp.activations.Linear;
import org.ebp.activations.LowHighCoding;
import org.ebp.activations.Tanh;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;
import org.ebp.data.DigitsDataset;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.training.TrainingFailedException;
import org.ebp.initializers.FanInInitializer;
import org.ebp.optim.first.ConstantSchedule;
import org.ebp.optim.first.SgdOptimizer;
import org.ebp.samplers.ShuffleSampler;
import org.ebp.transforms.StandardizeTransform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Divergence is caught (issue 12, item 3): on a trained tanh network {@code use optimizer sgd
 * lr=100; train 3} used to take the loss from about 0.2 to 20 with no warning. Now the run stops,
 * the weights and states of the last good epoch come back, and train fails with one line.
 */
class DivergenceTest {

    private final Session session = new Session(realComponents().index(), new StratifiedSplitter());

    @AfterEach
    void close() {
        session.close();
    }

    private static TestCatalog realComponents() {
        TestCatalog c = new TestCatalog();
        c.add(ComponentKind.COMPUTE, new NaiveCompute("java"));
        c.add(ComponentKind.DATASET, new DigitsDataset());
        c.add(ComponentKind.TRANSFORM, new StandardizeTransform());
        c.add(ComponentKind.ACTIVATION, new Tanh());
        c.add(ComponentKind.ACTIVATION, new Linear());
        c.add(ComponentKind.LOSS, new MeanSquaredErrorLoss());
        c.add(ComponentKind.TARGET_CODING, new LowHighCoding());
        c.add(ComponentKind.INITIALIZER, new FanInInitializer());
        c.add(ComponentKind.OPTIMIZER, new SgdOptimizer());
        c.add(ComponentKind.SCHEDULE, new ConstantSchedule());
        c.add(ComponentKind.SAMPLER, new ShuffleSampler());
        return c;
    }

    /** digits, standardized, 64-30-10 tanh with low-high targets and squared error, trained 3 epochs online at lr=0.01. */
    private List<EpochReport> trainedTanhNet() throws DataFormatException {
        session.loadData("digits", Map.of());
        session.split(Map.of("train", "0.8", "test", "0.2"));
        session.fitTransform("standardize", Map.of());
        session.createNetwork("in-30-out", Map.of("activation", "tanh", "output", "tanh", "coding", "low-high", "loss", "mse",
                "seed", "1"));
        session.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.01"));
        return session.train(3, Map.of("eval", "test"), null);
    }

    @Test
    void aRateOfOneHundredStopsTheRunRestoresTheLastGoodWeightsAndFails() throws DataFormatException {
        List<EpochReport> good = trainedTanhNet();
        double[] weights = session.weights();
        long step = session.status().step();
        double accuracy = session.evaluate("test").accuracy();
        assertTrue(accuracy > 0.9, "the trained network is good: " + accuracy);

        session.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "100"));
        TrainingFailedException failed = assertThrows(TrainingFailedException.class,
                () -> session.train(3, Map.of("eval", "test"), null));

        String message = failed.getMessage();
        assertTrue(message.startsWith("training diverged: the mean loss over the last 1000 examples at step "), message);
        assertTrue(message.contains("more than 10 x the run's best"), message);
        assertTrue(message.contains("restored to the start of epoch 4 (step " + step + ")"), message);
        assertTrue(message.contains("try a smaller rate than 100.0, near 1/lambda_max (measure lambda_max with hessian eig)"),
                message);
        assertEquals(-1, message.indexOf('\n'), "one line");
        assertArrayEquals(weights, session.weights(), "the weights of the last good epoch are back");
        assertEquals(step, session.status().step());
        assertEquals(3, session.status().epoch());
        assertEquals("idle", session.status().state());
        assertEquals(accuracy, session.evaluate("test").accuracy(), 0.0);
        assertTrue(good.get(2).trainLoss() < 0.5, "trained: " + good.get(2).trainLoss());
        assertTrue(session.history().stream().anyMatch(e -> e.text().startsWith("run failed: training diverged")),
                session.history().toString());
    }

    @Test
    void withTheCheckTurnedOffTheSameRunDestroysTheNetwork() throws DataFormatException {
        trainedTanhNet();
        double accuracy = session.evaluate("test").accuracy();
        session.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "100"));
        List<EpochReport> reports = session.train(3, Map.of("eval", "test", "diverge", "0"), null);
        // what the issue saw: no warning, and the network is ruined (the check above is what prevents it)
        assertEquals(3, reports.size());
        assertTrue(reports.get(2).trainLoss() > 10 * 0.5, "loss " + reports.get(2).trainLoss());
        assertTrue(session.evaluate("test").accuracy() < accuracy - 0.3, "accuracy " + session.evaluate("test").accuracy());
    }

    @Test
    void aHealthyRunIsNotStopped() throws DataFormatException {
        List<EpochReport> reports = trainedTanhNet();
        assertEquals(3, reports.size());
        assertEquals(2, session.train(2, Map.of("eval", "none", "diverge", "1.5"), null).size());
    }

    @Test
    void aFactorOfOneOrLessIsRefused() throws DataFormatException {
        trainedTanhNet();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> session.train(1, Map.of("diverge", "1"), null));
        assertEquals("train diverge=1.0 would stop at the first loss above the best; give a factor above 1 (default 10), "
                + "or 0 to turn the check off", refused.getMessage());
    }

    @Test
    void aNonFiniteLossFailsTheTrainCallToo() throws DataFormatException {
        trainedTanhNet();
        // a linear output lets the squared error overflow: the loss becomes infinite, then NaN
        session.createNetwork("in-30-out", Map.of("activation", "tanh", "output", "linear", "coding", "low-high",
                "loss", "mse", "seed", "1"));
        double[] weights = session.weights();
        session.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "100"));
        TrainingFailedException failed = assertThrows(TrainingFailedException.class,
                () -> session.train(1, Map.of("diverge", "0"), null));
        assertTrue(failed.getMessage().startsWith("training diverged: the "), failed.getMessage());
        assertTrue(failed.getMessage().contains("hessian eig"), failed.getMessage());
        assertArrayEquals(weights, session.weights());
    }
}
