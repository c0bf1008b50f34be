package org.ebp.api.optim;

import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An optional capability of an {@link Optimizer} whose update rule is elementwise in the gradient:
 * the new value of parameter i depends only on w_i, g_i and the optimizer's state at i (plain,
 * momentum and per-weight-rate gradient descent). An optimizer that implements it lets the engine
 * apply its rule block by block on float32 weights, and, in online learning (batch 1), during
 * backpropagation: each row of {@code dE/dW = delta x'} is applied as soon as it is known
 * ({@code W -= eta delta x'}, eq 11) instead of being written into a dense gradient that a second
 * pass reads again. Optimizers without it keep working through {@link Optimizer#step}.
 *
 * <p>Both ways of driving a rule must give the same weights as {@link Optimizer#step} would with
 * the same gradient, up to float rounding. Added in 1.1.0.
 */
@ConsumerType
public interface ElementwiseUpdate {

    /**
     * A rule bound to {@code state}, made when training starts or the state or settings change;
     * the engine reuses it for every step, so a step allocates nothing. The rule may keep the
     * state's arrays.
     *
     * @param state    the optimizer's state, as made by {@link Optimizer#init}
     * @param settings the optimizer's validated settings
     * @param layout   the parameter layout the state was made for
     */
    Rule rule(State state, Settings settings, ParameterLayout layout);

    /** The rule of one optimizer on one state, applied step by step to blocks of parameters. */
    interface Rule {

        /** Starts a step at the schedule's rate {@code learningRate}; called before the step's blocks. */
        void beginStep(double learningRate);

        /**
         * Updates {@code w[wOff + k]} for k in [0, n) with the gradient {@code scale * g[gOff + k]};
         * parameter {@code w[wOff + k]} has index {@code param + k} in the layout (for the state).
         * With {@code g} a layer's inputs and {@code scale} one unit's delta, this applies one row
         * of the outer product {@code delta x'}. Each parameter gets at most one call per step.
         */
        void apply(float[] w, int wOff, float[] g, int gOff, float scale, int n, int param);
    }
}
