package org.ebp.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
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
 * A mini-batch step split by the first layer's units ({@link UnitHalves}) gives the weights of the
 * single-threaded step up to float rounding, runs its products on two threads with the provider's
 * pool at one thread, gives the same weights to the bit on one thread, and is used only where it
 * is safe (the workbench's own rules, a batch within one workspace, a first layer wide enough).
 */
class UnitHalvesTest {

    private static final Dataset DIGITS = digits();
    /** 64-40-10: 40 first-layer units, above {@link UnitHalves#MIN_UNITS}, split 20 and 20. */
    private static final int[] WIDTHS = {64, 40, 10};

    private static Dataset digits() {
        try {
            return new DigitsDataset().load(new DigitsDataset().defaults());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExampleGatherer gatherer(Network net) {
        TargetCoding coding = new OneHotCoding();
        return new ExampleGatherer(DIGITS, coding, coding.levels(net.outputActivation(), coding.defaults()), 10);
    }

    private static OutputLayerLoss loss(Network net) {
        return OutputLayerLoss.bind(net.outputActivation(), new CrossEntropyLoss(), "cross-entropy");
    }

    private static double[] start(Network net, long seed) {
        double[] w = new double[net.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.05;
        }
        return w;
    }

    private static ElementwiseUpdate.Rule momentum(Network net) {
        MomentumOptimizer momentum = new MomentumOptimizer();
        return momentum.rule(momentum.init(net.layout(), momentum.defaults()), momentum.defaults(), net.layout());
    }

    /**
     * Momentum over 40 steps. Each weight's gradient is the same sum as in one pass (the split is
     * by unit, not by example), so the two differ only where OpenBLAS-like blocking of a narrower
     * product changes the order of a sum: at most a few units of 2^-24 per step, far below 1e-5
     * after 40 steps at rate 0.002, and far below a half dropped or counted twice (which moves
     * the weights by 1e-3 and more).
     */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {16, 33, 64})
    void unitHalvesGiveTheSingleThreadedWeights(int batch) {
        Network net = new Network(WIDTHS, new ScaledTanh(), new Softmax());
        double[] w = start(net, 3);
        int[] order = new int[DIGITS.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) ((i * 7919L) % order.length);
        }
        double[] serial = train(net, w, new NaiveCompute(), order, batch);
        PooledCompute pooled = new PooledCompute();
        boolean twoCores = Runtime.getRuntime().availableProcessors() >= 2;
        assertEquals(twoCores, UnitHalves.pays(pooled.threads(), batch, batch, WIDTHS, momentum(net)));
        double[] split = train(net, w, pooled, order, batch);
        double moved = 0;
        for (int i = 0; i < w.length; i++) {
            moved = Math.max(moved, Math.abs(serial[i] - w[i]));
            assertEquals(serial[i], split[i], 1e-5, "parameter " + i);
        }
        assertTrue(moved > 1e-3, "the steps must move the weights, moved " + moved);
        if (twoCores) {
            assertEquals(0, pooled.callsWithPool.get(), "products while the provider's pool was above one thread");
            assertEquals(2, pooled.callers.size(), "threads that ran products: " + pooled.callers);
            assertEquals(2, pooled.sets.get(), "the pool is lent once for the 40 steps and given back once");
        }
        assertEquals(2, pooled.threads(), "the provider's thread setting is restored");
    }

    private static double[] train(Network net, double[] start, ComputeService compute, int[] order, int batch) {
        FloatTrainer trainer = new FloatTrainer(net, loss(net), gatherer(net));
        trainer.weights().load(start);
        ElementwiseUpdate.Rule rule = momentum(net);
        for (int s = 0; s < 40; s++) {
            rule.beginStep(0.002);
            double loss = trainer.step(compute, order, (s * batch) % (order.length - batch), batch, rule);
            assertTrue(Double.isFinite(loss));
            double mean = 0;
            for (int k = 0; k < batch; k++) {
                mean += trainer.exampleLosses()[k];
            }
            assertEquals(loss, mean / batch, 1e-9 * Math.max(1, loss), "the per-example losses, in the batch's order");
        }
        trainer.releasePool();
        double[] w = new double[net.size()];
        trainer.weights().store(w);
        return w;
    }

    /** Both halves on the calling thread, one after the other: the two-thread weights to the bit. */
    @Test
    void halvesOnOneThreadGiveTheTwoThreadWeightsToTheBit() {
        Network net = new Network(WIDTHS, new ScaledTanh(), new Softmax());
        double[] w = start(net, 5);
        double[] parallel = halves(net, w, true);
        double[] serial = halves(net, w, false);
        double moved = 0;
        for (int i = 0; i < w.length; i++) {
            moved = Math.max(moved, Math.abs(parallel[i] - w[i]));
            assertEquals(Double.doubleToRawLongBits(parallel[i]), Double.doubleToRawLongBits(serial[i]), "parameter " + i);
        }
        assertTrue(moved > 1e-3, "the steps must move the weights, moved " + moved);
    }

    private static double[] halves(Network net, double[] start, boolean parallel) {
        FloatPasses passes = new FloatPasses(net);
        FloatWeights weights = passes.newWeights();
        weights.load(start);
        UnitHalves halves = new UnitHalves(passes, loss(net), gatherer(net), weights, new BatchPart(passes, 33));
        ElementwiseUpdate.Rule rule = momentum(net);
        PoolLease pool = new PoolLease();
        PooledCompute compute = new PooledCompute();
        double[] losses = new double[33];
        for (int s = 0; s < 30; s++) {
            rule.beginStep(0.002);
            assertTrue(Double.isFinite(halves.step(compute, pool, null, s * 33, 33, losses, rule, parallel)));
        }
        pool.release();
        double[] w = new double[net.size()];
        weights.store(w);
        return w;
    }

    /**
     * The helper gathers the order's next examples during the layers above; a step takes them
     * only when it is theirs. Here the order is rewritten in place after the helper gathered
     * from it (as a sampler may), a step skips ahead, another passes a copy of the order, and the
     * last range is short: the weights are the one-thread weights (which never stage) to the
     * bit, and only the steps that follow their predecessor in an unchanged order took the
     * staged examples.
     */
    @Test
    void stagedExamplesAreTakenOnlyByTheirOwnStep() {
        Network net = new Network(WIDTHS, new ScaledTanh(), new Softmax());
        double[] w = start(net, 11);
        int[] order = new int[DIGITS.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) ((i * 7919L) % order.length);
        }
        Staging parallel = staging(net, w, order.clone(), true);
        Staging serial = staging(net, w, order.clone(), false);
        double moved = 0;
        for (int i = 0; i < w.length; i++) {
            moved = Math.max(moved, Math.abs(parallel.weights[i] - w[i]));
            assertEquals(Double.doubleToRawLongBits(serial.weights[i]), Double.doubleToRawLongBits(parallel.weights[i]),
                    "parameter " + i);
        }
        assertTrue(moved > 1e-3, "the steps must move the weights, moved " + moved);
        assertEquals(0, serial.taken, "one thread gathers every step itself");
        assertEquals(Runtime.getRuntime().availableProcessors() >= 2 ? 4 : 0, parallel.taken,
                "staged examples taken by the steps at 32, 96, 320 and the last");
    }

    private record Staging(double[] weights, long taken) {
    }

    private static Staging staging(Network net, double[] start, int[] order, boolean parallel) {
        FloatPasses passes = new FloatPasses(net);
        FloatWeights weights = passes.newWeights();
        weights.load(start);
        UnitHalves halves = new UnitHalves(passes, loss(net), gatherer(net), weights, new BatchPart(passes, 32));
        ElementwiseUpdate.Rule rule = momentum(net);
        PoolLease pool = new PoolLease();
        PooledCompute compute = new PooledCompute();
        double[] losses = new double[32];
        int[] copy = order.clone();
        int end = order.length;
        Object[][] steps = {
                {order, 0, 32},        // gathers; stages 32..64
                {order, 32, 32},       // takes them; stages 64..96
                {order, 64, 32},       // 64..96 rewritten before it: gathers; stages 96..128
                {order, 96, 32},       // takes them
                {order, 256, 32},      // skipped ahead: gathers
                {copy, 288, 32},       // another array: gathers; stages 320..352 of it
                {copy, 320, 32},       // takes them
                {copy, end - 52, 32},  // skipped ahead: gathers; stages the last 20
                {copy, end - 20, 20}}; // takes them
        for (Object[] step : steps) {
            int[] o = (int[]) step[0];
            int from = (Integer) step[1];
            if (o == order && from == 64) {
                for (int i = 64; i < 96; i++) {
                    o[i] = o[i + 500];
                }
            }
            rule.beginStep(0.002);
            assertTrue(Double.isFinite(halves.step(compute, pool, o, from, (Integer) step[2], losses, rule, parallel)));
        }
        pool.release();
        double[] w = new double[net.size()];
        weights.store(w);
        return new Staging(w, halves.stagedTaken());
    }

    /**
     * A weight of NaN in the output layer: the softmax refuses its input (the step fails with the
     * session's divergence message) before any weight is updated, so every weight stays as it was.
     */
    @Test
    void aFailedStepLeavesTheWeights() {
        Network net = new Network(WIDTHS, new ScaledTanh(), new Softmax());
        double[] w = start(net, 7);
        w[net.weightOffset(2)] = Double.NaN;
        FloatPasses passes = new FloatPasses(net);
        FloatWeights weights = passes.newWeights();
        weights.load(w);
        double[] before = new double[net.size()];
        weights.store(before); // w rounded to float
        UnitHalves halves = new UnitHalves(passes, loss(net), gatherer(net), weights, new BatchPart(passes, 32));
        ElementwiseUpdate.Rule rule = momentum(net);
        rule.beginStep(0.01);
        PoolLease pool = new PoolLease();
        PooledCompute compute = new PooledCompute();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> halves.step(compute, pool, null, 0, 32, new double[32], rule, true));
        pool.release();
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        double[] after = new double[net.size()];
        weights.store(after);
        assertArrayEquals(before, after);
    }

    @Test
    void onlyOwnRulesWideLayersAndBatchesWithinAWorkspaceAreSplit() {
        Network net = new Network(WIDTHS, new ScaledTanh(), new Softmax());
        ElementwiseUpdate.Rule own = momentum(net);
        ElementwiseUpdate.Rule plugin = new ElementwiseUpdate.Rule() {
            @Override
            public void beginStep(double learningRate) {
            }

            @Override
            public void apply(float[] w, int wOff, float[] g, int gOff, float scale, int n, int param) {
            }
        };
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            assertTrue(UnitHalves.pays(2, 32, 32, WIDTHS, own));
        }
        assertFalse(UnitHalves.pays(2, 32, 32, WIDTHS, plugin), "a plugin's rule need not be thread-safe");
        assertFalse(UnitHalves.pays(2, 64, 32, WIDTHS, own), "a batch in chunks");
        assertFalse(UnitHalves.pays(2, 32, 32, new int[] {64, 30, 10}, own), "30 units");
        assertFalse(UnitHalves.pays(2, 32, 32, new int[] {64, 10}, own), "no hidden layer");
        assertFalse(UnitHalves.pays(1, 32, 32, WIDTHS, own), "a pool of one thread (sweeps side by side)");
        assertFalse(UnitHalves.pays(2, 8, 8, WIDTHS, own), "below TwoHalves.MIN_BATCH");
    }
}
