package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.engine.network.FirstLayerColumns;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.FloatWeights;
import org.ebp.engine.network.FloatWorkspace;
import org.ebp.engine.network.OutputLayerLoss;

/**
 * A mini-batch step on two cores split by the first layer's units (model-parallel), for a batch
 * that fits one workspace: the calling thread takes units {@code [0, mid)} of the first hidden
 * layer, a {@link StepHelper} units {@code [mid, units)}, each multiplying only its rows of
 * {@code W_1} forward ({@code Z_1 = X W_1'}), backward ({@code dE/dW_1 = Delta_1' X}) and
 * updating them through the optimizer's rule while they are in its cache. The layers above (for
 * Fashion-MNIST 300-10, 1% of the work) run on the calling thread between the two halves. Unlike
 * {@link TwoHalves} (split by example) no gradient is summed across threads and no pass of the
 * update runs on one core alone: the two passes over the 0.94 MB gradient that a step of
 * {@link TwoHalves} adds measured a third of its time at batch 32 (JFR: 65 of 183 samples).
 *
 * <p>The same ranges run in the same order on one thread ({@code parallel} false) give the same
 * weights to the bit, so {@link ThreadChoice} can measure both ways. Both threads call the
 * optimizer's rule at once, on disjoint parameters: only the workbench's own rules, which touch only
 * their block's parameters and state, run here ({@link #pays}).
 */
final class UnitHalves implements Runnable {

    /** Fewest first-layer units to split: each half's product needs a few register blocks' width. */
    static final int MIN_UNITS = 32;

    private final FloatPasses passes;
    private final FirstLayerColumns columns;
    private final OutputLayerLoss loss;
    private final ExampleGatherer source;
    private final FloatWeights weights;
    private final BatchPart part;
    private final int mid;
    private final int units;
    private final StepHelper helper = new StepHelper(this, "ebp-training-unit-half");

    // The helper's task, written before StepHelper.start() (which publishes it).
    private boolean backward;
    private ComputeService taskCompute;
    private int taskRows;
    private float taskScale;
    private ElementwiseUpdate.Rule taskRule;

    UnitHalves(FloatPasses passes, OutputLayerLoss loss, ExampleGatherer source, FloatWeights weights, BatchPart part) {
        this.passes = passes;
        this.columns = new FirstLayerColumns(passes);
        this.loss = loss;
        this.source = source;
        this.weights = weights;
        this.part = part;
        this.units = columns.units();
        this.mid = units / 2;
    }

    /**
     * True when a step of {@code count} examples runs split by unit: two threads to lend
     * ({@link TwoHalves#pays}), a batch within {@code capacity}, a first layer of at least
     * {@value #MIN_UNITS} units below another layer, and one of the workbench's own rules.
     */
    static boolean pays(int threads, int count, int capacity, int[] widths, ElementwiseUpdate.Rule rule) {
        return TwoHalves.pays(threads, count) && fits(count, capacity, widths, rule);
    }

    /** What {@link #pays} asks beyond {@link TwoHalves#pays}: the batch, the network and the rule. */
    static boolean fits(int count, int capacity, int[] widths, ElementwiseUpdate.Rule rule) {
        return count <= capacity && widths.length >= 3 && widths[1] >= MIN_UNITS && OnlineHalves.isOwnRule(rule);
    }

    BatchPart part() {
        return part;
    }

    /**
     * One step on {@code order[from .. from + count)}: the mean loss at the weights before the
     * step, per-example losses into {@code losses}, then the update through {@code rule}; a
     * non-finite loss leaves the weights as they were. The provider's pool is lent through
     * {@code pool} (one thread until the epoch's steps end).
     */
    double step(ComputeService compute, PoolLease pool, int[] order, int from, int count, double[] losses,
            ElementwiseUpdate.Rule rule, boolean parallel) {
        FloatWorkspace ws = part.workspace();
        FloatWeights gradient = part.gradient();
        float scale = 1f / count;
        source.gather(order, from, count, ws);
        pool.single(compute);
        taskCompute = compute;
        taskRows = count;
        taskScale = scale;
        taskRule = rule;
        backward = false;
        both(parallel);
        passes.forwardAbove(compute, weights, ws, count);
        double sum = passes.loss(loss, ws, count, true);
        System.arraycopy(ws.exampleLosses(), 0, losses, 0, count);
        double mean = sum / count;
        if (Double.isFinite(mean)) {
            passes.backwardAbove(compute, weights, ws, count, scale, gradient);
            backward = true;
            both(parallel);
            FloatPasses.updateAbove(weights, gradient, rule);
        }
        taskCompute = null;
        taskRule = null;
        return mean;
    }

    /** The calling thread's half and the helper's, at once or (not parallel) one after the other. */
    private void both(boolean parallel) {
        if (parallel) {
            helper.start();
            try {
                half(0, mid);
            } finally {
                helper.await();
            }
        } else {
            half(0, mid);
            run();
        }
    }

    /** The helper's half: units [mid, units). */
    @Override
    public void run() {
        half(mid, units);
    }

    private void half(int lo, int hi) {
        FloatWorkspace ws = part.workspace();
        if (backward) {
            columns.backward(taskCompute, ws, taskRows, taskScale, lo, hi, part.gradient());
            columns.update(weights, part.gradient(), taskRule, lo, hi);
        } else {
            columns.forward(taskCompute, weights, ws, taskRows, lo, hi);
        }
    }
}
