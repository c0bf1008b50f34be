package org.ebp.examples.plugin;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.osgi.service.component.annotations.Component;

/**
 * RPROP (Riedmiller and Braun, 1993), in the iRprop- variant (Igel and Huesken, 2000): every
 * weight has its own step size, which grows by {@code eta-plus} while the sign of its gradient
 * stays the same and shrinks by {@code eta-minus} when it flips; the update uses only the sign of
 * the gradient. It is a per-weight-rate method in the spirit of section 1.4.7 of Efficient
 * BackProp, insensitive to the scale of the gradient. Meant for full-batch (or large-batch)
 * training: with small mini-batches the sign is noisy.
 *
 * <p>State: {@code rprop-step} (per-weight step sizes) and {@code rprop-previous-gradient}, plus
 * a {@code gradient} work buffer. Names are specific to RPROP, so another optimizer taking over
 * this state ignores them, and RPROP taking over another's state starts its steps afresh.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + RpropOptimizer.NAME})
public final class RpropOptimizer implements Optimizer {

    static final String NAME = "rprop";
    static final String STEP = "rprop-step";
    static final String PREVIOUS = "rprop-previous-gradient";
    static final String GRADIENT = "gradient";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("step0", 0.01, 1e-9, 10, "initial step size of every weight"),
            ParameterSpec.real("eta-plus", 1.2, 1, 10, "growth factor while the gradient keeps its sign"),
            ParameterSpec.real("eta-minus", 0.5, 1e-3, 1, "shrink factor when the gradient changes sign"),
            ParameterSpec.real("step-max", 1.0, 1e-9, 1e3, "largest step size"),
            ParameterSpec.real("step-min", 1e-8, 0, 1, "smallest step size"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "RPROP (iRprop-): per-weight steps adapted by gradient sign; best with large batches (example plugin)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public State init(ParameterLayout layout, Settings settings) {
        int n = layout.size();
        double[] steps = new double[n];
        java.util.Arrays.fill(steps, settings.getDouble("step0"));
        return new State().putArray(STEP, steps).putArray(PREVIOUS, new double[n]).putArray(GRADIENT, new double[n]);
    }

    @Override
    public StepResult step(double[] w, Objective objective, State state, StepContext context) {
        Settings s = context.settings();
        double etaPlus = s.getDouble("eta-plus");
        double etaMinus = s.getDouble("eta-minus");
        double stepMax = s.getDouble("step-max");
        double stepMin = s.getDouble("step-min");
        double[] g = state.array(GRADIENT, w.length);
        double[] steps = state.array(STEP);
        if (steps == null || steps.length != w.length) {
            // a state made by another optimizer and not adopted: start RPROP's steps afresh
            steps = state.array(STEP, w.length);
            java.util.Arrays.fill(steps, s.getDouble("step0"));
        }
        double[] previous = state.array(PREVIOUS, w.length);
        double loss = objective.valueAndGradient(w, g);
        for (int i = 0; i < w.length; i++) {
            double sign = g[i] * previous[i];
            double gi = g[i];
            if (sign > 0) {
                steps[i] = Math.min(steps[i] * etaPlus, stepMax);
            } else if (sign < 0) {
                steps[i] = Math.max(steps[i] * etaMinus, stepMin);
                gi = 0; // iRprop-: after a sign change, skip this weight once and forget the gradient
            }
            if (gi > 0) {
                w[i] -= steps[i];
            } else if (gi < 0) {
                w[i] += steps[i];
            }
            previous[i] = gi;
        }
        return StepResult.of(loss);
    }
}
