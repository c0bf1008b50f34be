package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.FloatWeights;
import org.ebp.engine.network.OutputLayerLoss;

/**
 * A mini-batch step on two cores (data-parallel): the batch's first half goes forward and
 * backward on the calling thread, the second half at the same time on a {@link StepHelper}, each
 * into its own gradient; the second gradient is then added into the first (both threads, half of
 * each layer each) and the optimizer's rule applied on the calling thread (a plugin's rule need not
 * be thread-safe). Same split every step, so a run is reproducible; the same split run on one
 * thread gives the same weights to the bit, which lets {@link ThreadChoice} measure both ways.
 *
 * <p>Never two pools on two cores: the compute provider's own threads are set to one for the
 * epoch's steps ({@link PoolLease}) and restored after, so each half's products run on its own thread. Used only when the
 * provider has a pool of two or more threads to lend ({@link #pays}): a provider that cannot tell
 * (jblas on a system OpenBLAS) or that was set to one thread (parallel sessions of a sweep)
 * keeps the single-threaded step.
 */
final class TwoHalves implements Runnable {

    /**
     * Fewest examples for two halves: below, a half's products (8 x 300 x 784 for Fashion-MNIST)
     * are too small for the hand-over (a few microseconds) and the gradient sum (one pass over
     * the parameters) to pay.
     */
    static final int MIN_BATCH = 16;
    /** {@code -Debp.training.twoHalves=false} keeps every step on one thread (to compare, in benchmarks). */
    static final boolean ENABLED = !"false".equals(System.getProperty("ebp.training.twoHalves"));

    private final FloatPasses passes;
    private final OutputLayerLoss loss;
    private final ExampleGatherer source;
    private final FloatWeights weights;
    private final BatchPart first;
    private final BatchPart second;
    private final StepHelper helper = new StepHelper(this, "ebp-training-second-half");

    // The helper's task, written before StepHelper.start() (which publishes it).
    private boolean adding;
    private ComputeService taskCompute;
    private int[] taskOrder;
    private int taskFrom;
    private int taskRows;
    private float taskScale;
    private double[] taskLosses;
    private int taskAt;
    private double taskSum;

    TwoHalves(FloatPasses passes, OutputLayerLoss loss, ExampleGatherer source, FloatWeights weights, BatchPart first,
            int capacity) {
        this.passes = passes;
        this.loss = loss;
        this.source = source;
        this.weights = weights;
        this.first = first;
        this.second = new BatchPart(passes, capacity);
    }

    /** True when a step of {@code count} examples on {@code compute} runs as two halves. */
    static boolean pays(ComputeService compute, int count) {
        return pays(compute.threads(), count);
    }

    /** True when a step of {@code count} examples on a provider with {@code threads} to lend runs as two halves. */
    static boolean pays(int threads, int count) {
        return ENABLED && count >= MIN_BATCH && threads >= 2 && Runtime.getRuntime().availableProcessors() >= 2;
    }

    int capacity() {
        return Math.min(first.capacity(), second.capacity());
    }

    /**
     * One step on {@code order[from .. from + count)}: the mean loss at the weights before the
     * step, per-example losses into {@code losses}, then the update through {@code rule}; a
     * non-finite loss leaves the weights as they were. The provider's pool is lent through
     * {@code pool} (one thread until the epoch's steps end). With {@code parallel} false the
     * calling thread does the helper's share itself, after its own: the same operations in the same
     * order, so the same weights to the bit ({@link ThreadChoice} picks the faster way).
     */
    double step(ComputeService compute, PoolLease pool, int[] order, int from, int count, double[] losses,
            ElementwiseUpdate.Rule rule, boolean parallel) {
        int mine = (count + 1) / 2;
        float scale = 1f / count;
        adding = false;
        taskCompute = compute;
        taskOrder = order;
        taskFrom = from + mine;
        taskRows = count - mine;
        taskScale = scale;
        taskLosses = losses;
        taskAt = mine;
        double sum;
        pool.single(compute);
        if (parallel) {
            helper.start();
            try {
                sum = first.accumulate(passes, loss, source, compute, weights, order, from, mine, scale, losses, 0);
            } finally {
                helper.await();
            }
        } else {
            sum = first.accumulate(passes, loss, source, compute, weights, order, from, mine, scale, losses, 0);
            run();
        }
        double mean = (sum + taskSum) / count;
        taskCompute = null;
        taskOrder = null;
        taskLosses = null;
        if (Double.isFinite(mean)) {
            adding = true;
            if (parallel) {
                helper.start();
                try {
                    addSecondIntoFirst(false);
                } finally {
                    helper.await();
                }
            } else {
                addSecondIntoFirst(false);
                addSecondIntoFirst(true);
            }
            FloatPasses.update(weights, first.gradient(), rule);
        }
        return mean;
    }

    /** The helper's share: the second half's passes, or the upper half of the gradient sum. */
    @Override
    public void run() {
        if (adding) {
            addSecondIntoFirst(true);
        } else {
            taskSum = second.accumulate(passes, loss, source, taskCompute, weights, taskOrder, taskFrom, taskRows, taskScale,
                    taskLosses, taskAt);
        }
    }

    /** first.gradient += second.gradient over the lower (or upper) half of each layer's weights; biases in the lower. */
    private void addSecondIntoFirst(boolean upper) {
        FloatWeights a = first.gradient();
        FloatWeights b = second.gradient();
        for (int l = 1; l <= a.layerCount(); l++) {
            float[] wa = a.weights(l);
            float[] wb = b.weights(l);
            int mid = wa.length / 2;
            int lo = upper ? mid : 0;
            int hi = upper ? wa.length : mid;
            for (int k = lo; k < hi; k++) {
                wa[k] += wb[k];
            }
            if (!upper) {
                float[] ba = a.biases(l);
                float[] bb = b.biases(l);
                for (int k = 0; k < ba.length; k++) {
                    ba[k] += bb[k];
                }
            }
        }
    }
}
