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
 * AdaGrad (Duchi, Hazan and Singer 2011), a later per-weight rate in the spirit of section 1.4.7:
 * <pre>  s <- s + g^2,   w <- w - eta g / (sqrt(s) + eps)</pre>
 * elementwise. The rates only decrease, which suits sparse gradients and convex problems and can
 * stall a long non-convex run. State: {@value #SUM_SQUARES}.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + AdaGradOptimizer.NAME})
public final class AdaGradOptimizer extends FirstOrderOptimizer implements ElementwiseUpdate {

    static final String NAME = "adagrad";
    /** State array: the sum of squared gradients of each weight. */
    public static final String SUM_SQUARES = "sum-squares";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.01),
            ParameterSpec.real("eps", 1e-8, 0.0, 1.0, "added to sqrt(s) to avoid dividing by 0 (above 0: a weight whose gradient was always 0 would divide 0 by 0)").excludingMin());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "AdaGrad: per-weight rate eta / sqrt(sum of squared gradients)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> stateArrays() {
        return List.of(SUM_SQUARES);
    }


    @Override
    protected StepResult update(double[] w, double[] g, double loss, State state, StepContext context) {
        double[] sumSquares = required(state, SUM_SQUARES, w.length);
        double eta = context.learningRate();
        double eps = context.settings().getDouble("eps");
        for (int i = 0; i < w.length; i++) {
            sumSquares[i] += g[i] * g[i];
            w[i] -= eta * g[i] / (Math.sqrt(sumSquares[i]) + eps);
        }
        return StepResult.of(loss);
    }

    /** The same rule on float blocks, the sums of squares kept in the state's double array. */
    @Override
    public Rule rule(State state, Settings settings, ParameterLayout layout) {
        return new Accumulating(required(state, SUM_SQUARES, layout.size()), settings.getDouble("eps"));
    }

    /** {@code s += g^2; w -= eta g / (sqrt(s) + eps)} per parameter. */
    private static final class Accumulating implements Rule {
        private final double[] sumSquares;
        private final double eps;
        private double eta;

        Accumulating(double[] sumSquares, double eps) {
            this.sumSquares = sumSquares;
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
                double s = sumSquares[param + k] + gk * gk;
                sumSquares[param + k] = s;
                w[wOff + k] -= (float) (eta * gk / (Math.sqrt(s) + eps));
            }
        }
    }
}
