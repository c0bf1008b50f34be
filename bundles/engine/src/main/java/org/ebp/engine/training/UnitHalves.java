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
 * <p>While the calling thread runs the layers above, the helper gathers the next step's examples
 * (the order's next {@code count}) into a second workspace; the next step takes them by swapping
 * the two workspaces' input rows when it is that step (same order, same range, the same indices
 * in it), and gathers itself otherwise. Gathering 32 shuffled Fashion-MNIST rows took 36-59 us of
 * a 600-800 us batch-32 step on the calling thread while the helper waited (timed per phase); with
 * the helper gathering, batch 128 trained 11% faster (medians of 6 alternating runs, 66,500 and
 * 73,900 examples/s), batch 32 within the noise (-3% and +13% in two sets of runs).
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

    /** What the helper does next: its half of a pass, or gathering the next step's examples. */
    private enum Task { FORWARD, BACKWARD, GATHER }

    // The helper's task, written before StepHelper.start() (which publishes it).
    private Task task;
    private ComputeService taskCompute;
    private int taskRows;
    private float taskScale;
    private ElementwiseUpdate.Rule taskRule;

    /** The next step's examples, gathered by the helper (made at the first such gather). */
    private FloatWorkspace staged;
    /** Which examples {@link #staged} holds: the order (null: the data's own), the range, the indices then. */
    private int[] stagedOrder;
    private int stagedFrom;
    private int stagedCount;
    private int[] stagedIndices;
    private boolean stagedValid;
    /** Steps that took their examples from {@link #staged} (for tests). */
    private long stagedTaken;

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

    /** How many steps took the examples the helper had gathered for them. */
    long stagedTaken() {
        return stagedTaken;
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
        if (!takeStaged(ws, order, from, count)) {
            source.gather(order, from, count, ws);
        }
        pool.single(compute);
        taskCompute = compute;
        taskRows = count;
        taskScale = scale;
        taskRule = rule;
        task = Task.FORWARD;
        both(parallel);
        boolean gathering = parallel && stageNext(order, from, count);
        double mean;
        try {
            passes.forwardAbove(compute, weights, ws, count);
            mean = passes.loss(loss, ws, count, true) / count;
            System.arraycopy(ws.exampleLosses(), 0, losses, 0, count);
            if (Double.isFinite(mean)) {
                passes.backwardAbove(compute, weights, ws, count, scale, gradient);
            }
        } finally {
            if (gathering) {
                helper.await();
            }
        }
        if (Double.isFinite(mean)) {
            task = Task.BACKWARD;
            both(parallel);
            FloatPasses.updateAbove(weights, gradient, rule);
        }
        taskCompute = null;
        taskRule = null;
        return mean;
    }

    /** Swaps the staged examples in when they are this step's; false (and nothing staged any more) otherwise. */
    private boolean takeStaged(FloatWorkspace ws, int[] order, int from, int count) {
        boolean same = stagedValid && stagedOrder == order && stagedFrom == from && stagedCount == count
                && (order == null || java.util.Arrays.equals(order, from, from + count, stagedIndices, 0, count));
        stagedValid = false;
        if (same) {
            ws.swapInputs(staged);
            stagedTaken++;
        }
        return same;
    }

    /**
     * Starts the helper gathering the examples after {@code [from, from + count)} (as many, or the
     * order's rest) into {@link #staged}; false when there are none.
     */
    private boolean stageNext(int[] order, int from, int count) {
        int next = from + count;
        int nextCount = Math.min(count, (order == null ? source.size() : order.length) - next);
        if (nextCount <= 0) {
            return false;
        }
        if (staged == null) {
            staged = passes.newWorkspace(part.workspace().capacity());
            stagedIndices = new int[staged.capacity()];
        }
        stagedOrder = order;
        stagedFrom = next;
        stagedCount = nextCount;
        task = Task.GATHER;
        helper.start();
        return true;
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

    /** The helper's task: its half, units [mid, units), or the next step's examples. */
    @Override
    public void run() {
        if (task == Task.GATHER) {
            source.gather(stagedOrder, stagedFrom, stagedCount, staged);
            if (stagedOrder != null) {
                System.arraycopy(stagedOrder, stagedFrom, stagedIndices, 0, stagedCount);
            }
            stagedValid = true;
        } else {
            half(mid, units);
        }
    }

    private void half(int lo, int hi) {
        FloatWorkspace ws = part.workspace();
        if (task == Task.BACKWARD) {
            columns.backward(taskCompute, ws, taskRows, taskScale, lo, hi, part.gradient());
            columns.update(weights, part.gradient(), taskRule, lo, hi);
        } else {
            columns.forward(taskCompute, weights, ws, taskRows, lo, hi);
        }
    }
}
