package org.ebp.optim.second;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
 * What CG, BFGS and L-BFGS share: one step is a search direction from the method's memory and
 * a {@link StrongWolfeLineSearch} along it (full batch only: a line search on a changing batch
 * measures noise). The gradient at the accepted point is kept in the state, so the next step
 * starts without re-evaluating when the weights are still the accepted point.
 *
 * <p><b>Failure.</b> A line search that finds no Wolfe point does not end the run: the memory is
 * reset (the next direction is steepest descent), the weights move to the best point seen, and
 * the step's message says so. After {@code max-failures} consecutive failures the step asks the
 * session to stop, leaving the best weights.
 */
abstract class LineSearchOptimizer implements Optimizer {

    static final String GRADIENT = "gradient";
    static final String DIRECTION = "direction";
    static final String POINT = "point";
    static final String TRIAL = "trial";
    static final String TRIAL_GRADIENT = "trial-gradient";
    static final String SCRATCH = "scratch";
    static final String LOSS = "loss";
    static final String CACHED = "cached";
    static final String FAILURES = "failures";
    static final String LAST_STEP = "last-step";
    static final String LAST_SLOPE = "last-slope";
    static final String TOTAL_EVALUATIONS = "evaluations-total";

    static List<ParameterSpec> commonParameters(double c2) {
        return List.of(
                ParameterSpec.real("c1", 1e-4, 1e-14, 0.5, "sufficient-decrease constant of the strong Wolfe conditions"),
                ParameterSpec.real("c2", c2, 1e-12, 0.999999, "curvature constant of the strong Wolfe conditions "
                        + "(smaller: a more exact line search)"),
                ParameterSpec.integer("evaluations", 25, 2, 1000, "most loss evaluations per line search"),
                ParameterSpec.integer("max-failures", 3, 1, 1000,
                        "consecutive failed line searches before training stops (with the best weights)"),
                ParameterSpec.real("gtol", 1e-9, 0, 1e10, "stop when the largest gradient component is at most this"),
                ParameterSpec.bool("trace", false, "report after every step the loss reached and the loss/gradient "
                        + "evaluations so far (as scipy's callbacks would)"));
    }

    /** The method's own settings followed by {@link #commonParameters(double)}. */
    static List<ParameterSpec> withCommonParameters(double c2, ParameterSpec... own) {
        List<ParameterSpec> p = new ArrayList<>(List.of(own));
        p.addAll(commonParameters(c2));
        return List.copyOf(p);
    }

    /** Extra arrays of this method, besides the common buffers. */
    protected abstract List<String> memoryArrays(ParameterLayout layout, Settings settings);

    /** Length of memory array {@code name}. */
    protected abstract int memoryLength(String name, ParameterLayout layout, Settings settings);

    /** Writes the search direction for gradient {@code g}; returns the first trial step. */
    protected abstract double direction(double[] g, double[] d, State state, Settings settings);

    /** Learns from the accepted step {@code s = alpha d} and the gradient change {@code y}. */
    protected abstract void remember(double step, double[] d, double[] gOld, double[] gNew, State state, Settings settings);

    /** Forgets the curvature memory: the next direction is steepest descent. */
    protected abstract void reset(State state, Settings settings);

    /** Memory beyond the common buffers, in bytes, for the requirements. */
    protected abstract long memoryBytes(ParameterLayout layout, Settings settings);

    /** What to use instead when the memory does not fit. */
    protected String alternative() {
        return "lbfgs";
    }

    @Override
    public Settings settings(java.util.Map<String, String> raw) {
        Settings s = Optimizer.super.settings(raw);
        if (!(s.getDouble("c1") < s.getDouble("c2"))) {
            throw new InvalidSettingException("'" + name() + "' needs c1 < c2 (strong Wolfe conditions); got c1="
                    + s.getDouble("c1") + ", c2=" + s.getDouble("c2"));
        }
        return s;
    }

    @Override
    public Requirements requirements(ParameterLayout layout, Settings settings) {
        return new Requirements(true, false, Set.of(), 8L * 6 * layout.size() + memoryBytes(layout, settings),
                alternative());
    }

    @Override
    public State init(ParameterLayout layout, Settings settings) {
        int n = layout.size();
        State state = new State();
        for (String name : List.of(GRADIENT, DIRECTION, POINT, TRIAL, TRIAL_GRADIENT, SCRATCH)) {
            state.putArray(name, new double[n]);
        }
        for (String name : memoryArrays(layout, settings)) {
            state.putArray(name, new double[memoryLength(name, layout, settings)]);
        }
        state.putScalar(CACHED, 0);
        state.putScalar(LOSS, Double.NaN);
        state.putScalar(FAILURES, 0);
        state.putScalar(LAST_STEP, 0);
        state.putScalar(LAST_SLOPE, 0);
        reset(state, settings);
        return state;
    }

    @Override
    public List<String> adopt(State state, ParameterLayout layout, Settings settings) {
        List<String> reset = new ArrayList<>(Optimizer.super.adopt(state, layout, settings));
        if (!reset.isEmpty()) {
            // memory from another method or size cannot be trusted as a whole
            state.putScalar(CACHED, 0);
            reset(state, settings);
        }
        return reset;
    }

    @Override
    public StepResult step(double[] w, Objective objective, State state, StepContext context) {
        Settings settings = context.settings();
        int n = objective.dimension();
        if (w.length != n) {
            throw new IllegalArgumentException("optimizer '" + name() + "': " + w.length + " weights for an objective of "
                    + n + " parameters");
        }
        double[] g = array(state, GRADIENT, n);
        double[] d = array(state, DIRECTION, n);
        double[] point = array(state, POINT, n);
        double[] trial = array(state, TRIAL, n);
        double[] trialGradient = array(state, TRIAL_GRADIENT, n);
        double[] scratch = array(state, SCRATCH, n);
        int evaluations = 0;
        double f;
        // the gradient of the last accepted point is valid while the weights are still that point
        if (state.scalar(CACHED, 0) == 1 && objective.fullBatch() && Arrays.equals(point, w)) {
            f = state.scalar(LOSS, Double.NaN);
        } else {
            f = objective.valueAndGradient(w, g);
            evaluations++;
            if (!Double.isFinite(f)) {
                return new StepResult(f, evaluations, "loss is " + f + " at the current weights", true);
            }
        }
        double largest = 0;
        for (double x : g) {
            largest = Math.max(largest, Math.abs(x));
        }
        if (largest <= settings.getDouble("gtol")) {
            remember(state, w, f, point);
            return new StepResult(f, evaluations, "converged: largest gradient component " + largest + " <= gtol", true);
        }
        double initial = direction(g, d, state, settings);
        double slope = StrongWolfeLineSearch.dot(g, d);
        if (!(slope < 0)) {
            reset(state, settings);
            initial = direction(g, d, state, settings);
            slope = StrongWolfeLineSearch.dot(g, d);
        }
        StrongWolfeLineSearch search = new StrongWolfeLineSearch(settings.getDouble("c1"), settings.getDouble("c2"),
                settings.getInt("evaluations"));
        StrongWolfeLineSearch.Result result = search.search(objective, w, d, f, slope, initial, trial, trialGradient,
                scratch);
        evaluations += result.evaluations();
        if (result.success()) {
            remember(result.step(), d, g, trialGradient, state, settings);
            state.putScalar(LAST_STEP, result.step());
            state.putScalar(LAST_SLOPE, slope);
            System.arraycopy(trial, 0, w, 0, n);
            System.arraycopy(trialGradient, 0, g, 0, n);
            remember(state, w, result.value(), point);
            state.putScalar(FAILURES, 0);
            return new StepResult(f, evaluations, trace(state, settings, evaluations, result.value()), false);
        }
        // failure: reset the memory, continue from the best point seen
        reset(state, settings);
        int failures = (int) state.scalar(FAILURES, 0) + 1;
        state.putScalar(FAILURES, failures);
        String where;
        if (result.step() > 0 && result.value() < f) {
            System.arraycopy(trial, 0, w, 0, n);
            System.arraycopy(trialGradient, 0, g, 0, n);
            remember(state, w, result.value(), point);
            where = "continuing from the best point seen (loss " + (float) result.value() + ")";
        } else {
            remember(state, w, f, point);
            where = "weights unchanged";
        }
        int allowed = settings.getInt("max-failures");
        if (failures >= allowed) {
            return new StepResult(f, evaluations, "line search failed " + failures + " times in a row ("
                    + result.reason() + "); stopped with the best weights", true);
        }
        return new StepResult(f, evaluations, "line search failed (" + result.reason() + "); memory reset, " + where, false);
    }

    /** With {@code trace=true}: "loss L after N evaluations", counting every evaluation since init. */
    static String trace(State state, Settings settings, int evaluations, double loss) {
        double total = state.scalar(TOTAL_EVALUATIONS, 0) + evaluations;
        state.putScalar(TOTAL_EVALUATIONS, total);
        return settings.has("trace") && settings.getBoolean("trace")
                ? "loss " + loss + " after " + (long) total + " evaluations" : null;
    }

    private static void remember(State state, double[] w, double loss, double[] point) {
        System.arraycopy(w, 0, point, 0, w.length);
        state.putScalar(LOSS, loss);
        state.putScalar(CACHED, 1);
    }

    /** The state array, re-created when missing or of the wrong length (another network). */
    static double[] array(State state, String name, int n) {
        return state.array(name, n);
    }
}
