package org.ebp.optim.first;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.osgi.service.component.annotations.Component;

/**
 * RMSprop (Tieleman and Hinton 2012): a per-weight rate from a running mean of squared gradients,
 * <pre>  v <- decay v + (1 - decay) g^2,   w <- w - eta g / (sqrt(v) + eps)</pre>
 * elementwise. Note that {@code g^2} is not the curvature that section 1.9's stochastic diagonal
 * Levenberg-Marquardt estimates. The state array {@value #MEAN_SQUARE} has the meaning of Adam's
 * {@code v} (without Adam's bias correction).
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + RmsPropOptimizer.NAME})
public final class RmsPropOptimizer extends FirstOrderOptimizer {

    static final String NAME = "rmsprop";
    /** State array: running mean of squared gradients. */
    public static final String MEAN_SQUARE = "v";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.001),
            ParameterSpec.real("decay", 0.9, 0.0, 1.0, "forgetting factor of the running mean of g^2 (below 1)"),
            ParameterSpec.real("eps", 1e-8, 0.0, 1.0, "added to sqrt(v) to avoid dividing by 0 (above 0)"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "RMSprop: per-weight rate eta / sqrt(running mean of g^2)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> stateArrays() {
        return List.of(MEAN_SQUARE);
    }

    @Override
    protected void check(Settings settings) {
        requireBelow(settings, "decay", 1.0, "with decay=1 the mean of g^2 never leaves 0");
        requirePositive(settings, "eps", "a weight whose gradient has always been 0 would divide 0 by 0");
    }

    @Override
    protected StepResult update(double[] w, double[] g, double loss, State state, StepContext context) {
        double[] meanSquare = required(state, MEAN_SQUARE, w.length);
        double eta = context.learningRate();
        double decay = context.settings().getDouble("decay");
        double eps = context.settings().getDouble("eps");
        for (int i = 0; i < w.length; i++) {
            meanSquare[i] = decay * meanSquare[i] + (1 - decay) * g[i] * g[i];
            w[i] -= eta * g[i] / (Math.sqrt(meanSquare[i]) + eps);
        }
        return StepResult.of(loss);
    }
}
