package org.ebp.optim.first;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.ElementwiseUpdate;
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
public final class RmsPropOptimizer extends FirstOrderOptimizer implements ElementwiseUpdate {

    static final String NAME = "rmsprop";
    /** State array: running mean of squared gradients. */
    public static final String MEAN_SQUARE = "v";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.001),
            ParameterSpec.real("decay", 0.9, 0.0, 1.0, "forgetting factor of the running mean of g^2 (below 1: with decay=1 the mean never leaves 0)").excludingMax(),
            ParameterSpec.real("eps", 1e-8, 0.0, 1.0, "added to sqrt(v) to avoid dividing by 0 (above 0: a weight whose gradient was always 0 would divide 0 by 0)").excludingMin());

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

    /** The same rule on float blocks, the mean squares kept in the state's double array. */
    @Override
    public Rule rule(State state, Settings settings, ParameterLayout layout) {
        return new Normalized(required(state, MEAN_SQUARE, layout.size()), settings.getDouble("decay"),
                settings.getDouble("eps"));
    }

    /** {@code v = decay v + (1 - decay) g^2; w -= eta g / (sqrt(v) + eps)} per parameter. */
    private static final class Normalized implements Rule {
        private final double[] meanSquare;
        private final double decay;
        private final double eps;
        private double eta;

        Normalized(double[] meanSquare, double decay, double eps) {
            this.meanSquare = meanSquare;
            this.decay = decay;
            this.eps = eps;
        }

        @Override
        public void beginStep(double learningRate) {
            eta = learningRate;
        }

        @Override
        public void apply(float[] w, int wOff, float[] g, int gOff, float scale, int n, int param) {
            for (int k = 0; k < n; k++) {
                double gk = (double) scale * g[gOff + k];
                double v = decay * meanSquare[param + k] + (1 - decay) * gk * gk;
                meanSquare[param + k] = v;
                w[wOff + k] -= (float) (eta * gk / (Math.sqrt(v) + eps));
            }
        }
    }
}
