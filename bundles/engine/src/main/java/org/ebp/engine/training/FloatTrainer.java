package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.FloatWeights;
import org.ebp.engine.network.FloatWorkspace;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;

/**
 * One float32 training step of a dense network on batches of one training set: gather the
 * examples (float rows, no conversion), forward, loss, backward, and the optimizer's elementwise
 * rule. A batch of one is updated during backpropagation ({@link FloatPasses#backwardAndUpdate});
 * larger batches fill a float gradient, chunk by chunk ({@link BatchPart}), then apply the rule in
 * one pass; on two cores when that pays, split by the first layer's units ({@link UnitHalves},
 * the workbench's own rules on a batch that fits one workspace) or else by example
 * ({@link TwoHalves}). Every buffer is made once for
 * the largest batch, so a step allocates nothing.
 */
final class FloatTrainer {

    /** Examples per forward pass; larger batches accumulate their gradient chunk by chunk. */
    static final int MAX_CHUNK = 1024;

    private final FloatPasses passes;
    private final OutputLayerLoss loss;
    private final ExampleGatherer source;
    private final FloatWeights weights;
    /** The network's layer widths, input first. */
    private final int[] widths;
    /** The batch-1 workspace. */
    private FloatWorkspace workspace;
    /** A mini-batch's buffers, and the second half's when it runs on two cores. */
    private BatchPart part;
    private TwoHalves halves;
    private UnitHalves unitHalves;
    private OnlineHalves onlineHalves;
    private final ThreadChoice onlineChoice = new ThreadChoice();
    /** Two halves on two threads or on one, measured as the steps go. */
    private final ThreadChoice batchChoice = new ThreadChoice();
    /** The provider's pool, at one thread while two-core mini-batch steps run. */
    private final PoolLease pool = new PoolLease();
    /** Online learning's look-ahead: the next example, its inputs and W_1 x, and the weights' version then. */
    private final float[] aheadInput;
    private final float[] aheadProduct;
    private int aheadExample = -1;
    private int aheadVersion;
    private double[] exampleLosses = new double[0];

    FloatTrainer(Network network, OutputLayerLoss loss, ExampleGatherer source) {
        this.passes = new FloatPasses(network);
        this.loss = loss;
        this.source = source;
        this.weights = passes.newWeights();
        this.widths = network.widths();
        this.aheadInput = new float[widths[0]];
        this.aheadProduct = new float[widths[1]];
    }

    Network network() {
        return passes.network();
    }

    ExampleGatherer source() {
        return source;
    }

    /** The float32 working copy of the weights. */
    FloatWeights weights() {
        return weights;
    }

    /** Makes the buffers for batches of up to {@code batch} examples (once; smaller batches reuse them). */
    void reserve(int batch) {
        int capacity = Math.min(batch, MAX_CHUNK);
        if (batch == 1 && (workspace == null || workspace.capacity() < 1)) {
            workspace = passes.newWorkspace(1);
        }
        if (batch > 1 && (part == null || part.capacity() < capacity)) {
            part = new BatchPart(passes, capacity);
            halves = null;
        }
        if (exampleLosses.length < batch) {
            exampleLosses = new double[batch];
        }
    }

    /**
     * One step on examples {@code order[from .. from + count)}: the mean loss at the weights before
     * the step, then the update through {@code rule}. A non-finite loss leaves the weights as they were.
     * A mini-batch runs as two halves when that pays ({@link TwoHalves#pays}), on two threads
     * or on one, whichever measures faster ({@link ThreadChoice}).
     */
    double step(ComputeService compute, int[] order, int from, int count, ElementwiseUpdate.Rule rule) {
        reserve(count);
        if (count == 1) {
            return online(compute, order, from, rule);
        }
        aheadExample = -1;
        int threads = pool.threads(compute);
        if (TwoHalves.pays(threads, count)) {
            boolean byUnit = UnitHalves.fits(count, part.capacity(), widths, rule);
            boolean parallel = batchChoice.twoThreads();
            try {
                return byUnit ? unitHalves().step(compute, pool, order, from, count, exampleLosses, rule, parallel)
                        : halves(count).step(compute, pool, order, from, count, exampleLosses, rule, parallel);
            } finally {
                batchChoice.stepEnded();
            }
        }
        double mean = part.accumulate(passes, loss, source, compute, weights, order, from, count, 1f / count,
                exampleLosses, 0) / count;
        if (Double.isFinite(mean)) {
            FloatPasses.update(weights, part.gradient(), rule);
        }
        return mean;
    }

    /**
     * One example (eq 11). On two cores ({@link OnlineHalves}) the update looks ahead to the next
     * example of the order (the next step's, unless the epoch ends): its {@code W_1 x} is taken
     * while each updated row is in the cache, and the next step uses it when it is that example
     * and the weights were not loaded since ({@link FloatWeights#version}). On one core the
     * look-ahead measured no faster (the product is bound by arithmetic, not by reading W_1).
     * Which of the two runs is measured as it goes ({@link ThreadChoice}).
     */
    private double online(ComputeService compute, int[] order, int from, ElementwiseUpdate.Rule rule) {
        FloatWorkspace ws = workspace;
        int example = order == null ? from : order[from];
        boolean ahead = example == aheadExample && weights.version() == aheadVersion;
        aheadExample = -1;
        if (!OnlineHalves.pays(compute, rule, aheadInput.length * aheadProduct.length)) {
            return online(compute, order, from, rule, ws, ahead, null);
        }
        OnlineHalves two = onlineChoice.twoThreads() ? onlineHalves() : null;
        try {
            return online(compute, order, from, rule, ws, ahead, two);
        } finally {
            onlineChoice.stepEnded();
        }
    }

    private double online(ComputeService compute, int[] order, int from, ElementwiseUpdate.Rule rule, FloatWorkspace ws,
            boolean ahead, OnlineHalves two) {
        source.gather(order, from, 1, ws);
        if (two != null && !ahead) {
            two.product(ws.inputs(), aheadProduct);
            ahead = true;
        }
        passes.forward(compute, weights, ws, 1, ahead ? aheadProduct : null);
        double e = passes.loss(loss, ws, 1, true);
        exampleLosses[0] = ws.exampleLosses()[0];
        if (!Double.isFinite(e)) {
            return e;
        }
        passes.backwardAndUpdateAbove(weights, ws, rule);
        if (two == null) {
            passes.updateFirstLayer(weights, ws, rule, 0, aheadProduct.length, null, null);
            return e;
        }
        int size = order == null ? source.size() : order.length;
        int next = from + 1 >= size ? -1 : order == null ? from + 1 : order[from + 1];
        if (next >= 0) {
            source.data().copyRow(next, aheadInput, 0);
        }
        two.updateFirstLayer(ws, rule, next >= 0 ? aheadInput : null, aheadProduct);
        aheadExample = next;
        aheadVersion = weights.version();
        return e;
    }

    /** The split by unit over the current batch buffers (made again when they were). */
    private UnitHalves unitHalves() {
        if (unitHalves == null || unitHalves.part() != part) {
            unitHalves = new UnitHalves(passes, loss, source, weights, part);
        }
        return unitHalves;
    }

    /** The split by example for a batch of {@code count} (made again when its halves are too small). */
    private TwoHalves halves(int count) {
        int half = Math.min((count + 1) / 2, MAX_CHUNK);
        if (halves == null || halves.capacity() < half) {
            halves = new TwoHalves(passes, loss, source, weights, part, Math.min(part.capacity(), half));
        }
        return halves;
    }

    private OnlineHalves onlineHalves() {
        if (onlineHalves == null) {
            onlineHalves = new OnlineHalves(passes, weights, aheadProduct.length);
        }
        return onlineHalves;
    }

    /**
     * Gives the compute provider's pool back its setting when two-core steps had lent it; the
     * training loop calls it when an epoch's steps end (before the evaluation uses the pool).
     */
    void releasePool() {
        pool.release();
    }

    /** Per-example losses of the last step's batch, in its order. */
    double[] exampleLosses() {
        return exampleLosses;
    }
}
