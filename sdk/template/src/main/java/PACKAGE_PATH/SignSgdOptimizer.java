package @plugin.package@;

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
 * The template's component: sign descent with momentum (signSGD, Bernstein et al. 2018),
 * <pre>  m &lt;- beta m + (1 - beta) g,   w &lt;- w - eta sign(m)</pre>
 * elementwise. Replace it with yours; keep the two service properties equal to {@link #name()}
 * and the kind, and the conformance test (src/test) checks the rest.
 *
 * <p>Its state is the well-known {@code m}: a running mean of gradients, as Adam's, so a swap
 * from adam hands it over; {@code gradient} is a scratch buffer.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + SignSgdOptimizer.NAME})
public final class SignSgdOptimizer implements Optimizer {

    static final String NAME = "@plugin.component@";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "sign descent with momentum: w <- w - lr sign(m), m the running mean of g";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.real("lr", 0.001, 0.0, 1.0, "step per weight and step (the schedule scales it)"),
                // "below 1" is an excluded bound: beta=1 would never let m leave 0
                ParameterSpec.real("beta", 0.9, 0.0, 1.0, "forgetting factor of the mean of g (below 1)").excludingMax());
    }

    @Override
    public State init(ParameterLayout layout, Settings settings) {
        return new State().putArray("m", new double[layout.size()]).putArray("gradient", new double[layout.size()]);
    }

    @Override
    public StepResult step(double[] w, Objective objective, State state, StepContext context) {
        double[] g = state.array("gradient", w.length);
        double loss = objective.valueAndGradient(w, g);
        double[] m = state.array("m", w.length);
        double beta = context.settings().getDouble("beta");
        double eta = context.learningRate();
        for (int i = 0; i < w.length; i++) {
            m[i] = beta * m[i] + (1 - beta) * g[i];
            w[i] -= eta * Math.signum(m[i]);
        }
        return StepResult.of(loss);
    }
}
