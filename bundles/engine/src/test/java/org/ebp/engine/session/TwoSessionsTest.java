package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ebp.activations.OneHotCoding;
import org.ebp.activations.Softmax;
import org.ebp.activations.Tanh;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.EpochReport;
import org.ebp.compute.jblas.PureJavaCompute;
import org.ebp.data.DigitsDataset;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.initializers.FanInInitializer;
import org.ebp.optim.first.AdamOptimizer;
import org.ebp.optim.first.ConstantSchedule;
import org.ebp.optim.first.MomentumOptimizer;
import org.ebp.optim.first.SgdOptimizer;
import org.ebp.samplers.ShuffleSampler;
import org.ebp.transforms.StandardizeTransform;
import org.junit.jupiter.api.Test;

/**
 * Two sessions training at once on the same component services share no mutable state: each ends
 * bit-identical to the same session trained alone. Shared scratch buffers (in a compute provider,
 * an activation, an optimizer or the engine) would make the interleaved runs differ.
 */
class TwoSessionsTest {

    /** One catalog, so both sessions use the very same service objects. */
    private final TestCatalog catalog = realComponents();

    private static TestCatalog realComponents() {
        TestCatalog c = new TestCatalog();
        c.add(ComponentKind.COMPUTE, new PureJavaCompute());
        c.add(ComponentKind.DATASET, new DigitsDataset());
        c.add(ComponentKind.TRANSFORM, new StandardizeTransform());
        c.add(ComponentKind.ACTIVATION, new Tanh());
        c.add(ComponentKind.ACTIVATION, new Softmax());
        c.add(ComponentKind.LOSS, new CrossEntropyLoss());
        c.add(ComponentKind.TARGET_CODING, new OneHotCoding());
        c.add(ComponentKind.INITIALIZER, new FanInInitializer());
        c.add(ComponentKind.OPTIMIZER, new SgdOptimizer());
        c.add(ComponentKind.OPTIMIZER, new MomentumOptimizer());
        c.add(ComponentKind.OPTIMIZER, new AdamOptimizer());
        c.add(ComponentKind.SCHEDULE, new ConstantSchedule());
        c.add(ComponentKind.SAMPLER, new ShuffleSampler());
        return c;
    }

    /** Session A (adam, online) and session B (momentum, batches of 7, another net seed and split). */
    private Session prepared(boolean a) throws Exception {
        Session s = new Session(catalog.index(), new StratifiedSplitter());
        s.loadData("digits", Map.of());
        s.split(Map.of("train", "0.8", "test", "0.2", "seed", a ? "1" : "2"));
        s.fitTransform("standardize", Map.of());
        s.createNetwork("in-20-out", Map.of("activation", "tanh", "output", "softmax", "seed", a ? "1" : "2"));
        if (a) {
            s.use(ComponentKind.OPTIMIZER, "adam", Map.of("lr", "0.001"));
        } else {
            s.use(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.01", "mu", "0.9"));
        }
        return s;
    }

    private static Map<String, String> run(boolean a) {
        return Map.of("batch", a ? "1" : "7", "eval", "test", "seed", a ? "3" : "4");
    }

    @Test
    void twoSessionsTrainingAtOnceEndAsEachDoesAlone() throws Exception {
        double[] aloneA;
        double[] aloneB;
        List<EpochReport> reportsA;
        try (Session a = prepared(true)) {
            reportsA = a.train(2, run(true), null);
            aloneA = a.weights();
        }
        try (Session b = prepared(false)) {
            b.train(2, run(false), null);
            aloneB = b.weights();
        }
        assertNotEquals(aloneA.length, 0);
        try (Session a = prepared(true); Session b = prepared(false)) {
            Future<List<EpochReport>> runA = a.trainInBackground(2, run(true), null);
            Future<List<EpochReport>> runB = b.trainInBackground(2, run(false), null);
            List<EpochReport> together = runA.get(5, TimeUnit.MINUTES);
            runB.get(5, TimeUnit.MINUTES);
            assertNotEquals(a.threadName(), b.threadName(), "each session trains on its own thread");
            assertArrayEquals(aloneA, a.weights(), "session A as if alone");
            assertArrayEquals(aloneB, b.weights(), "session B as if alone");
            assertEquals(reportsA.get(1).evalLoss(), together.get(1).evalLoss(), 0.0);
        }
    }
}
