package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebp.activations.PlusMinusOneCoding;
import org.ebp.activations.ScaledTanh;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.data.DigitsDataset;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.initializers.FanInInitializer;
import org.ebp.optim.first.ConstantSchedule;
import org.ebp.optim.first.MomentumOptimizer;
import org.ebp.optim.first.SgdOptimizer;
import org.ebp.samplers.ShuffleSampler;
import org.ebp.transforms.StandardizeTransform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code net ... precision=float32|float64}: float32 trains as well as float64 on the digits and says so. */
class PrecisionTest {

    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        sessions.forEach(Session::close);
    }

    private static TestCatalog components() {
        TestCatalog c = new TestCatalog();
        c.add(ComponentKind.COMPUTE, new NaiveCompute("java"));
        c.add(ComponentKind.DATASET, new DigitsDataset());
        c.add(ComponentKind.TRANSFORM, new StandardizeTransform());
        c.add(ComponentKind.ACTIVATION, new ScaledTanh());
        c.add(ComponentKind.LOSS, new MeanSquaredErrorLoss());
        c.add(ComponentKind.TARGET_CODING, new PlusMinusOneCoding());
        c.add(ComponentKind.INITIALIZER, new FanInInitializer());
        c.add(ComponentKind.OPTIMIZER, new SgdOptimizer());
        c.add(ComponentKind.OPTIMIZER, new MomentumOptimizer());
        c.add(ComponentKind.SCHEDULE, new ConstantSchedule());
        c.add(ComponentKind.SAMPLER, new ShuffleSampler());
        return c;
    }

    /** The demo's recipe (standardized digits, 64-30-10 scaled tanh, +-1, fan-in, online SGD lr=0.01). */
    private Session prepared(String precision) throws DataFormatException {
        Session s = new Session(components().index(), new SectionOneFourTricksTest.EveryFifthIsTest());
        sessions.add(s);
        s.loadData("digits", Map.of());
        s.split(Map.of("train", "0.8", "test", "0.2"));
        s.fitTransform("standardize", Map.of());
        s.createNetwork("in-30-out", Map.of("activation", "scaled-tanh", "coding", "pm1", "seed", "1",
                "precision", precision));
        s.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.01"));
        return s;
    }

    /**
     * Same seeds, same epochs, batch 1 and batch 32: the float32 run's test accuracy is within 0.3
     * points of the float64 run's (360 test images: 0.3 points is one image), and the weights
     * really differ (the float path ran).
     */
    @Test
    void float32ReachesTheAccuracyOfFloat64AfterTheSameEpochs() throws DataFormatException {
        for (String batch : new String[] {"1", "32"}) {
            Session single = prepared("float32");
            Session dbl = prepared("float64");
            Map<String, String> train = Map.of("batch", batch, "eval", "none", "seed", "3");
            int epochs = batch.equals("1") ? 10 : 40;
            single.train(epochs, train, null);
            dbl.train(epochs, train, null);
            double a32 = single.evaluate("test").accuracy();
            double a64 = dbl.evaluate("test").accuracy();
            assertTrue(a64 > 0.93, "float64 accuracy " + a64 + " at batch " + batch);
            assertTrue(Math.abs(a32 - a64) <= 0.003 + 1e-12, "batch " + batch + ": float32 " + a32 + " vs float64 " + a64);
            double[] w32 = single.weights();
            double[] w64 = dbl.weights();
            double differ = 0;
            for (int i = 0; i < w32.length; i++) {
                differ = Math.max(differ, Math.abs(w32[i] - w64[i]));
                assertEquals(w32[i], (float) w32[i], 0.0, "float32 weights are floats widened");
            }
            assertTrue(differ > 0, "the float32 run must differ from the float64 run");
        }
    }

    @Test
    void statusShowsThePrecisionAndBadWordsAreRefused() throws DataFormatException {
        Session s = prepared("float32");
        assertEquals("float32 (float64 master copy)", s.status().components().get("precision"));
        Session d = prepared("float64");
        assertEquals("float64", d.status().components().get("precision"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("in-30-out", Map.of("precision", "half")));
        assertEquals("precision must be float32 or float64, not 'half'", e.getMessage());
        assertEquals("float32 (float64 master copy)", s.status().components().get("precision"), "nothing changed");
    }

    /** Training in parts (several train calls, an evaluation in between) gives the weights of one run. */
    @Test
    void float32TrainingInPartsEqualsTrainingAtOnce() throws DataFormatException {
        Session parts = prepared("float32");
        Session once = prepared("float32");
        Map<String, String> train = Map.of("batch", "1", "eval", "test", "seed", "5");
        parts.train(1, train, null);
        parts.evaluate("test");
        parts.train(1, train, null);
        once.train(2, train, null);
        assertNotEquals(0, parts.weights().length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(once.weights(), parts.weights());
    }
}
