package org.ebp.optim.first;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.osgi.service.component.annotations.Component;

/**
 * The adaptive learning rate of Murata, Mueller, Ziehe and Amari (section 1.4.7):
 * <pre>
 *   w(t+1)   = w(t) - eta(t) dE_t/dw                                  (eq 17)
 *   r(t+1)   = (1 - delta) r(t) + delta dE_t/dw                        (eq 18)
 *   eta(t+1) = eta(t) + alpha eta(t) (beta |r(t+1)| - eta(t))          (eq 19)
 * </pre>
 * {@code r} is a running average of the gradient ({@code |r|} its Euclidean norm): far from a
 * minimum the gradients agree, {@code |r|} is large and the rate grows; near it they cancel,
 * {@code |r|} shrinks and the rate anneals by itself. {@code lr} is the initial rate eta(0).
 * A schedule other than {@code constant} multiplies eta(t) by its factor
 * {@code learningRate / lr}, so the two can be combined; with {@code constant} the rule is the
 * paper's. State: array {@value #RUNNING_GRADIENT}, scalar {@value #ETA}.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + AdaptiveRateOptimizer.NAME})
public final class AdaptiveRateOptimizer extends FirstOrderOptimizer {

    static final String NAME = "adaptive";
    /** State array: the running average r of the gradient (eq 18). */
    public static final String RUNNING_GRADIENT = "r";
    /** State scalar: the current rate eta(t) (eq 19). */
    public static final String ETA = "eta";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.01).excludingMin(), // above 0: eq 19 multiplies the rate by itself, so 0 stays 0
            ParameterSpec.real("delta", 0.01, 0.0, 1.0, "averaging constant of the running gradient r (eq 18; above 0: with delta=0 r never moves from 0)").excludingMin(),
            ParameterSpec.real("alpha", 0.001, 0.0, 1.0, "speed of the rate's adaptation (eq 19)"),
            // beta |r| is where the rate settles; with standardized inputs a network's running
            // gradient |r| is of order 1 or more when trained online, so beta is of the order of
            // a good learning rate. 0.02 measured best on digits and Fashion-MNIST (96.7%, 82.8%);
            // beta=20 made both diverge.
            ParameterSpec.real("beta", 0.02, 0.0, 1e6, "the rate is drawn towards beta |r| (eq 19); of the order of a good lr"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Murata-Mueller-Ziehe-Amari adaptive rate: eta follows beta |running gradient| (eqs 17-19)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> stateArrays() {
        return List.of(RUNNING_GRADIENT);
    }


    @Override
    protected void initScalars(State state, ParameterLayout layout, Settings settings) {
        state.putScalar(ETA, settings.getDouble("lr"));
    }

    @Override
    protected StepResult update(double[] w, double[] g, double loss, State state, StepContext context) {
        double[] r = required(state, RUNNING_GRADIENT, w.length);
        Settings settings = context.settings();
        double baseRate = settings.getDouble("lr");
        double eta = state.scalar(ETA, baseRate);
        double scheduleFactor = baseRate > 0 ? context.learningRate() / baseRate : 1.0;
        double delta = settings.getDouble("delta");
        double step = eta * scheduleFactor;
        double normSquared = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] -= step * g[i];                              // eq 17
            r[i] = (1 - delta) * r[i] + delta * g[i];         // eq 18
            normSquared += r[i] * r[i];
        }
        double alpha = settings.getDouble("alpha");
        double beta = settings.getDouble("beta");
        double next = eta + alpha * eta * (beta * Math.sqrt(normSquared) - eta);   // eq 19
        if (!(next > 0) || Double.isInfinite(next)) {
            // Only when alpha * eta > 1 + alpha * beta |r|, i.e. a huge rate: keep the last sane one.
            return new StepResult(loss, 1, "adaptive rate eta became " + next + " (from " + eta
                    + "); lower lr or alpha", true);
        }
        state.putScalar(ETA, next);
        return StepResult.of(loss);
    }
}
