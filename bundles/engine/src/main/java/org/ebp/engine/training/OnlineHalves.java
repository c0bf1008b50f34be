package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.FloatWeights;
import org.ebp.engine.network.FloatWorkspace;

/**
 * Online learning (batch 1) on two cores: the rows of the first layer's weights in two halves,
 * the calling thread taking the first and a {@link StepHelper} the second, for the two passes
 * over {@code W_1} that bound an online step, its product {@code W_1 x} and its update
 * {@code W_1 -= eta delta_1 x'} (eq 11). The update also takes the next example's product (the
 * look-ahead of {@link FloatPasses#updateFirstLayer}), so a step hands over once. Each half of
 * a 784-300 layer (470 KB) stays in its core's L2 cache (512 KB here), where the whole layer
 * does not fit; the halves measured 1.9x one thread's update speed.
 *
 * <p>Both threads call the optimizer's rule at once, on disjoint parameters; that is safe for the
 * workbench's own rules (they touch only the parameters and state entries of their block), so
 * only those run here ({@link #pays}); a plugin's rule keeps the single-threaded step.
 */
final class OnlineHalves implements Runnable {

    /** Fewest first-layer weights for two threads: a handover costs microseconds, a small layer's pass less. */
    static final int MIN_WEIGHTS = 1 << 15;
    private static final String OWN_RULES = "org.ebp.optim.first.";

    private final FloatPasses passes;
    private final FloatWeights weights;
    private final int mid;
    private final int units;
    private final StepHelper helper = new StepHelper(this, "ebp-training-online-half");
    /** The helper's row buffer for {@link FloatPasses#updateFirstLayer} (the workspace's own is the calling thread's). */
    private final float[] helperRow;

    // The helper's task, written before StepHelper.start() (which publishes it).
    private boolean updating;
    private FloatWorkspace taskWorkspace;
    private ElementwiseUpdate.Rule taskRule;
    private float[] taskInput;
    private float[] taskProduct;

    OnlineHalves(FloatPasses passes, FloatWeights weights, int units) {
        this.passes = passes;
        this.weights = weights;
        this.units = units;
        this.mid = units / 2;
        this.helperRow = new float[passes.network().inputWidth()];
    }

    /** True when online steps of this layer with this rule on {@code compute} run on two cores. */
    static boolean pays(ComputeService compute, ElementwiseUpdate.Rule rule, int firstLayerWeights) {
        return TwoHalves.ENABLED && firstLayerWeights >= MIN_WEIGHTS && compute.threads() >= 2
                && Runtime.getRuntime().availableProcessors() >= 2 && isOwnRule(rule);
    }

    /** True for the workbench's own rules, which two threads may apply at once to disjoint parameters. */
    static boolean isOwnRule(ElementwiseUpdate.Rule rule) {
        return rule.getClass().getName().startsWith(OWN_RULES);
    }

    /** {@code product = W_1 x}, half on each thread. */
    void product(float[] x, float[] product) {
        updating = false;
        taskInput = x;
        taskProduct = product;
        helper.start();
        try {
            passes.firstLayerProduct(weights, x, 0, mid, product);
        } finally {
            helper.await();
        }
    }

    /** {@link FloatPasses#updateFirstLayer} over all rows, half on each thread, looking ahead to {@code nextInput}. */
    void updateFirstLayer(FloatWorkspace ws, ElementwiseUpdate.Rule rule, float[] nextInput, float[] nextProduct) {
        updating = true;
        taskWorkspace = ws;
        taskRule = rule;
        taskInput = nextInput;
        taskProduct = nextProduct;
        helper.start();
        try {
            passes.updateFirstLayer(weights, ws, rule, 0, mid, nextInput, nextProduct);
        } finally {
            helper.await();
        }
    }

    /** The helper's half: rows [mid, units). */
    @Override
    public void run() {
        if (updating) {
            passes.updateFirstLayer(weights, taskWorkspace, taskRule, mid, units, taskInput, taskProduct, helperRow);
        } else {
            passes.firstLayerProduct(weights, taskInput, mid, units, taskProduct);
        }
    }
}
