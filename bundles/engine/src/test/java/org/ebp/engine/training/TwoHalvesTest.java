package org.ebp.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebp.activations.OneHotCoding;
import org.ebp.activations.ScaledTanh;
import org.ebp.activations.Softmax;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.data.DigitsDataset;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.FloatWeights;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.optim.first.MomentumOptimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mini-batch step on two cores ({@link TwoHalves}) gives the single-threaded step's weights up to
 * float rounding, runs its products on two threads with the provider's pool set to one thread,
 * and restores the pool's setting; {@link StepHelper} passes failures on and ends when idle.
 */
class TwoHalvesTest {

    private static final Dataset DIGITS = digits();

    private static Dataset digits() {
        try {
            return new DigitsDataset().load(new DigitsDataset().defaults());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FloatTrainer trainer(Network net) {
        OutputLayerLoss loss = OutputLayerLoss.bind(net.outputActivation(), new CrossEntropyLoss(), "cross-entropy");
        TargetCoding coding = new OneHotCoding();
        ExampleGatherer gatherer = new ExampleGatherer(DIGITS, coding,
                coding.levels(net.outputActivation(), coding.defaults()), 10);
        return new FloatTrainer(net, loss, gatherer);
    }

    /**
     * Momentum (a rule with state) over 40 steps; odd batch sizes split unevenly. The halves sum
     * the gradient in another order than one pass: each of the float sums of at most 33 terms
     * differs by a few units of 2^-24 relative, and 40 steps at rate 0.002 move the weights by a
     * few 0.01 in all, so 1e-5 is far above the rounding and far below a wrong half (a half
     * counted twice or dropped moves the weights by 1e-3 and more).
     */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {16, 33, 64})
    void twoHalvesGiveTheSingleThreadedWeights(int batch) {
        Network net = new Network(new int[] {64, 30, 10}, new ScaledTanh(), new Softmax());
        double[] w = new double[net.size()];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.02;
        }
        int[] order = new int[DIGITS.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) ((i * 7919L) % order.length);
        }
        double[] serial = train(net, w, new NaiveCompute(), order, batch);
        PooledCompute pooled = new PooledCompute();
        assertTrue(TwoHalves.pays(pooled, batch) || Runtime.getRuntime().availableProcessors() < 2);
        double[] parallel = train(net, w, pooled, order, batch);
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            // lent once for the 40 steps and given back once, not set and restored around each step
            assertEquals(2, pooled.sets.get(), "setThreads calls over 40 steps");
        }
        double moved = 0;
        for (int i = 0; i < w.length; i++) {
            moved = Math.max(moved, Math.abs(serial[i] - w[i]));
            assertEquals(serial[i], parallel[i], 1e-5, "parameter " + i);
        }
        assertTrue(moved > 1e-3, "the steps must move the weights, moved " + moved);
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            assertEquals(0, pooled.callsWithPool.get(), "products while the provider's pool was above one thread");
            assertEquals(2, pooled.callers.size(), "threads that ran products: " + pooled.callers);
        }
        assertEquals(2, pooled.threads(), "the provider's thread setting is restored");
    }

    private static double[] train(Network net, double[] start, ComputeService compute, int[] order, int batch) {
        FloatTrainer trainer = trainer(net);
        trainer.weights().load(start);
        MomentumOptimizer momentum = new MomentumOptimizer();
        ElementwiseUpdate.Rule rule = momentum.rule(momentum.init(net.layout(), momentum.defaults()), momentum.defaults(),
                net.layout());
        double last = Double.NaN;
        for (int s = 0; s < 40; s++) {
            rule.beginStep(0.002);
            double loss = trainer.step(compute, order, (s * batch) % (order.length - batch), batch, rule);
            assertTrue(Double.isFinite(loss));
            if (s > 0) {
                // the per-example losses of both halves arrive in the batch's order
                double mean = 0;
                for (int k = 0; k < batch; k++) {
                    mean += trainer.exampleLosses()[k];
                }
                assertEquals(loss, mean / batch, 1e-9 * Math.max(1, loss));
            }
            last = loss;
        }
        assertTrue(Double.isFinite(last));
        if (compute instanceof PooledCompute && Runtime.getRuntime().availableProcessors() >= 2) {
            assertEquals(1, compute.threads(), "the pool stays lent at one thread between steps");
        }
        trainer.releasePool(); // as the training loop does when an epoch's steps end
        double[] w = new double[net.size()];
        trainer.weights().store(w);
        return w;
    }

    /**
     * The two halves run one after the other on the calling thread (what {@link ThreadChoice}
     * picks when the helper's hand-over loses) give the weights of the two-thread step to the bit:
     * the same operations in the same order, so that the choice cannot change a run.
     */
    @Test
    void halvesOnOneThreadGiveTheTwoThreadWeightsToTheBit() {
        Network net = new Network(new int[] {64, 30, 10}, new ScaledTanh(), new Softmax());
        double[] w = new double[net.size()];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.02;
        }
        double[] parallel = halves(net, w, true);
        double[] serial = halves(net, w, false);
        double moved = 0;
        for (int i = 0; i < w.length; i++) {
            moved = Math.max(moved, Math.abs(parallel[i] - w[i]));
            assertEquals(Double.doubleToRawLongBits(parallel[i]), Double.doubleToRawLongBits(serial[i]), "parameter " + i);
        }
        assertTrue(moved > 1e-3, "the steps must move the weights, moved " + moved);
    }

    /** 30 steps of 33 examples (halves of 17 and 16), momentum, all on two threads or all on one. */
    private static double[] halves(Network net, double[] start, boolean parallel) {
        OutputLayerLoss loss = OutputLayerLoss.bind(net.outputActivation(), new CrossEntropyLoss(), "cross-entropy");
        TargetCoding coding = new OneHotCoding();
        ExampleGatherer gatherer = new ExampleGatherer(DIGITS, coding, coding.levels(net.outputActivation(), coding.defaults()),
                10);
        FloatPasses passes = new FloatPasses(net);
        FloatWeights weights = passes.newWeights();
        weights.load(start);
        TwoHalves halves = new TwoHalves(passes, loss, gatherer, weights, new BatchPart(passes, 33), 17);
        MomentumOptimizer momentum = new MomentumOptimizer();
        ElementwiseUpdate.Rule rule = momentum.rule(momentum.init(net.layout(), momentum.defaults()), momentum.defaults(),
                net.layout());
        PoolLease pool = new PoolLease();
        PooledCompute compute = new PooledCompute();
        double[] losses = new double[33];
        for (int s = 0; s < 30; s++) {
            rule.beginStep(0.002);
            assertTrue(Double.isFinite(halves.step(compute, pool, null, s * 33, 33, losses, rule, parallel)));
        }
        pool.release();
        assertEquals(2, compute.threads(), "the pool's setting is given back");
        double[] w = new double[net.size()];
        weights.store(w);
        return w;
    }

    @Test
    void smallBatchesAndProvidersWithoutAPoolStayOnOneThread() {
        PooledCompute pooled = new PooledCompute();
        assertFalse(TwoHalves.pays(pooled, TwoHalves.MIN_BATCH - 1));
        pooled.setThreads(1); // e.g. a sweep running sessions side by side
        assertFalse(TwoHalves.pays(pooled, 128));
        assertFalse(TwoHalves.pays(new NaiveCompute(), 128)); // cannot tell (0)
    }

    @Test
    void theHelpersFailureReachesTheCallerAndTheHelperEndsWhenIdle() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        StepHelper helper = new StepHelper(() -> {
            if (runs.incrementAndGet() == 2) {
                throw new ArithmeticException("boom");
            }
        }, "test-helper", 20_000_000L);
        helper.start();
        helper.await();
        helper.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, helper::await);
        assertSame(ArithmeticException.class, e.getCause().getClass());
        helper.start(); // still usable after a failure
        helper.await();
        assertEquals(3, runs.get());
        for (int i = 0; i < 200 && helper.running(); i++) {
            Thread.sleep(10);
        }
        assertFalse(helper.running(), "the helper thread ends after its idle time");
        helper.start(); // and starts again for the next task
        helper.await();
        assertEquals(4, runs.get());
    }
}
