package org.ebp.optim.second;

import java.util.List;
import java.util.Set;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.osgi.service.component.annotations.Component;

/**
 * Stochastic diagonal Levenberg-Marquardt (section 1.9): each weight gets its own rate
 * <pre>
 *   eta_ki = epsilon / (&lt;d2E/dw_ki^2&gt; + mu)                                  (eq 61)
 *   &lt;h&gt; <- (1 - gamma) &lt;h&gt; + gamma d2E^p/dw_ki^2                              (eq 62)
 * </pre>
 * where the second derivative is the diagonal Gauss-Newton term backpropagated as in eqs 54-56
 * (not an average of squared gradients). The running average is re-estimated on the first
 * {@code patterns} patterns of every {@code every}-th epoch (a subset, as in the paper), using
 * the batches as they are presented (a batch of B patterns counts as B updates of eq 62); between
 * estimates it is frozen. Epsilon is the {@code lr} setting passed through the session's schedule
 * (the paper decreases it per epoch: use e.g. {@code use schedule step} or {@code annealing}).
 * Works online and with mini-batches; 3 vectors of memory.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name="
        + StochasticDiagonalLevenbergMarquardtOptimizer.NAME})
public final class StochasticDiagonalLevenbergMarquardtOptimizer implements Optimizer {

    static final String NAME = "sdlm";
    static final String GRADIENT = "gradient";
    static final String CURVATURE = "curvature";
    static final String SAMPLE = "curvature-sample";
    static final String WINDOW_EPOCH = "window-epoch";
    static final String SEEN = "window-patterns";
    static final String ESTIMATED = "estimated";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("lr", 0.003, 0, 100, "epsilon of eq 61 (the session's schedule scales it); 0.003 suits standardized inputs and targets +-1"),
            ParameterSpec.real("mu", 0.02, 1e-12, 1e6, "mu of eq 61: bounds the rate where the curvature is small"),
            ParameterSpec.real("gamma", 0.01, 1e-6, 1, "gamma of the running average (eq 62)"),
            ParameterSpec.integer("patterns", 500, 1, Integer.MAX_VALUE,
                    "patterns per re-estimation of the second derivatives"),
            ParameterSpec.integer("every", 1, 1, 100000, "re-estimate every this many epochs"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "stochastic diagonal Levenberg-Marquardt: per-weight rates lr / (<d2E/dw2> + mu) from the diagonal "
                + "Gauss-Newton term (eqs 61-62), re-estimated on a subset every epoch";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Requirements requirements(ParameterLayout layout, Settings settings) {
        return new Requirements(false, false, Set.of(Capability.DIAGONAL_GAUSS_NEWTON), 24L * layout.size(), "sgd");
    }

    @Override
    public State init(ParameterLayout layout, Settings settings) {
        int n = layout.size();
        State state = new State();
        state.putArray(GRADIENT, new double[n]);
        state.putArray(CURVATURE, new double[n]);
        state.putArray(SAMPLE, new double[n]);
        state.putScalar(WINDOW_EPOCH, 0);
        state.putScalar(SEEN, 0);
        state.putScalar(ESTIMATED, 0);
        return state;
    }

    @Override
    public StepResult step(double[] w, Objective objective, State state, StepContext context) {
        Settings settings = context.settings();
        int n = objective.dimension();
        if (w.length != n) {
            throw new IllegalArgumentException("optimizer 'sdlm': " + w.length + " weights for an objective of " + n
                    + " parameters");
        }
        double epsilon = context.learningRate();
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("optimizer 'sdlm': epsilon " + epsilon + " from the schedule is not a "
                    + "finite non-negative number; check lr and the schedule's settings");
        }
        double[] g = state.array(GRADIENT, n);
        double[] h = state.array(CURVATURE, n);
        double[] sample = state.array(SAMPLE, n);
        double loss = objective.valueAndGradient(w, g);
        if (!Double.isFinite(loss)) {
            return new StepResult(loss, 1, "loss is " + loss + " at the current weights; weights left unchanged", true);
        }
        int epoch = context.epoch();
        int every = settings.getInt("every");
        if ((epoch - 1) % every == 0 && state.scalar(WINDOW_EPOCH, 0) != epoch) {
            state.putScalar(WINDOW_EPOCH, epoch);
            state.putScalar(SEEN, 0);
        }
        int evaluations = 1;
        double seen = state.scalar(SEEN, 0);
        if (state.scalar(WINDOW_EPOCH, 0) == epoch && seen < settings.getInt("patterns")) {
            objective.diagonalGaussNewton(w, sample);
            evaluations++;
            int b = objective.batchSize();
            if (state.scalar(ESTIMATED, 0) == 0) {
                System.arraycopy(sample, 0, h, 0, n); // the first estimate starts the average
                state.putScalar(ESTIMATED, 1);
            } else {
                // B updates of eq 62 with the batch mean standing for each pattern's term
                double keep = Math.pow(1 - settings.getDouble("gamma"), b);
                for (int i = 0; i < n; i++) {
                    h[i] = keep * h[i] + (1 - keep) * sample[i];
                }
            }
            state.putScalar(SEEN, seen + b);
        }
        double mu = settings.getDouble("mu");
        for (int i = 0; i < n; i++) {
            w[i] -= epsilon / (h[i] + mu) * g[i]; // eq 61
        }
        return new StepResult(loss, evaluations, null, false);
    }
}
