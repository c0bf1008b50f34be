package org.ebp.optim.first;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;

/**
 * What every first-order rule here shares: one gradient evaluation per step into the reused
 * buffer {@value #GRADIENT} of the state, then an in-place update of {@code w}; state arrays of
 * the parameter count, zero at the start, named by meaning; settings checks beyond the ranges of
 * {@link ParameterSpec}. The rate used is {@link StepContext#learningRate()}, the {@code lr}
 * setting passed through the session's schedule.
 */
public abstract class FirstOrderOptimizer implements Optimizer {

    /** State array: the gradient buffer, allocated once by {@link #init} and overwritten each step. */
    public static final String GRADIENT = "gradient";

    /** The learning-rate setting every optimizer here has. */
    static ParameterSpec learningRate(double defaultValue) {
        return ParameterSpec.real("lr", defaultValue, 0.0, 100.0,
                "learning rate eta (the session's schedule scales it step by step)");
    }

    /** Names of the state arrays besides {@value #GRADIENT}, each as long as the parameter vector. */
    protected abstract List<String> stateArrays();

    /**
     * Updates {@code w} in place from the gradient {@code g} at {@code w}.
     *
     * @param loss the batch loss at {@code w}, for the result
     */
    protected abstract StepResult update(double[] w, double[] g, double loss, State state, StepContext context);

    /**
     * Checks that {@link ParameterSpec} ranges cannot express (a relation between settings;
     * excluded bounds are declared with {@link ParameterSpec#excludingMin()} and {@code excludingMax()}).
     * Throws {@link InvalidSettingException} naming the fix.
     */
    protected void check(Settings settings) {
    }

    /** Scalars of a fresh state, beyond the arrays; none by default. */
    protected void initScalars(State state, ParameterLayout layout, Settings settings) {
    }

    @Override
    public Settings settings(Map<String, String> raw) {
        Settings settings = Optimizer.super.settings(raw);
        check(settings);
        return settings;
    }

    @Override
    public Requirements requirements(ParameterLayout layout, Settings settings) {
        return Requirements.stateArrays(1 + stateArrays().size(), layout.size());
    }

    @Override
    public State init(ParameterLayout layout, Settings settings) {
        check(settings);
        State state = new State();
        state.putArray(GRADIENT, new double[layout.size()]);
        for (String name : stateArrays()) {
            state.putArray(name, new double[layout.size()]);
        }
        initScalars(state, layout, settings);
        return state;
    }

    @Override
    public List<String> adopt(State state, ParameterLayout layout, Settings settings) {
        check(settings);
        return new ArrayList<>(Optimizer.super.adopt(state, layout, settings));
    }

    @Override
    public StepResult step(double[] w, Objective objective, State state, StepContext context) {
        int n = objective.dimension();
        if (w.length != n) {
            throw new IllegalArgumentException("optimizer '" + name() + "': " + w.length + " weights for an objective of "
                    + n + " parameters; the weights and the network do not match");
        }
        double eta = context.learningRate();
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("optimizer '" + name() + "': learning rate " + eta
                    + " from the schedule is not a finite non-negative number; check lr and the schedule's settings");
        }
        // Allocated by init; array(name, n) allocates only if the state lacks it (or has another length).
        double[] g = state.array(GRADIENT, n);
        double loss = objective.valueAndGradient(w, g);
        if (!Double.isFinite(loss)) {
            return new StepResult(loss, 1, "loss is " + loss + " at the current weights; weights left unchanged "
                    + "(lower the learning rate, or check the data for NaN)", true);
        }
        return update(w, g, loss, state, context);
    }

    /** The state array {@code name} of length {@code n}, or a message that says how to get it. */
    protected final double[] required(State state, String name, int n) {
        double[] a = state.array(name);
        if (a == null || a.length != n) {
            throw new IllegalStateException("optimizer '" + name() + "' needs a state array '" + name + "' of length " + n
                    + (a == null ? " and the state has none" : " but it has length " + a.length)
                    + "; create the state with init, or hand over another optimizer's state with adopt");
        }
        return a;
    }
}
