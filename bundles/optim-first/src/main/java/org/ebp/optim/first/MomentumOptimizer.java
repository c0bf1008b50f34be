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
 * Gradient descent with momentum (section 1.4.7):
 * <pre>  dw(t+1) = eta dE/dw + mu dw(t),   w <- w - dw(t+1)</pre>
 * The step {@code dw} is kept in the state array {@value #VELOCITY}, which
 * {@link NesterovOptimizer} reads with the same meaning. Momentum speeds progress along
 * low-curvature directions and damps oscillation across high-curvature ones; it helps most in
 * batch mode and less in stochastic mode.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + MomentumOptimizer.NAME})
public final class MomentumOptimizer extends FirstOrderOptimizer implements ElementwiseUpdate {

    static final String NAME = "momentum";
    /** State array: the last step dw, in the units of w. */
    public static final String VELOCITY = "velocity";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.01),
            ParameterSpec.real("mu", 0.9, 0.0, 1.0, "momentum: the fraction of the last step added to this one (below 1: with mu=1 past steps never decay)").excludingMax());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "momentum: dw = eta g + mu dw, w -= dw (sec. 1.4.7)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> stateArrays() {
        return List.of(VELOCITY);
    }


    @Override
    protected StepResult update(double[] w, double[] g, double loss, State state, StepContext context) {
        double[] velocity = required(state, VELOCITY, w.length);
        double eta = context.learningRate();
        double mu = context.settings().getDouble("mu");
        for (int i = 0; i < w.length; i++) {
            velocity[i] = eta * g[i] + mu * velocity[i];
            w[i] -= velocity[i];
        }
        return StepResult.of(loss);
    }

    /** The same rule on float blocks, the velocity kept in the state's double array. */
    @Override
    public Rule rule(State state, Settings settings, ParameterLayout layout) {
        return new HeavyBall(required(state, VELOCITY, layout.size()), settings.getDouble("mu"));
    }

    /** {@code v = eta g + mu v; w -= v} per parameter. */
    private static final class HeavyBall implements Rule {
        private final double[] velocity;
        private final double mu;
        private double eta;

        HeavyBall(double[] velocity, double mu) {
            this.velocity = velocity;
            this.mu = mu;
        }

        @Override
        public void beginStep(double learningRate) {
            eta = learningRate;
        }

        @Override
        public void apply(float[] w, int wOff, float[] g, int gOff, float scale, int n, int param) {
            double step = eta * scale;
            for (int k = 0; k < n; k++) {
                double v = step * g[gOff + k] + mu * velocity[param + k];
                velocity[param + k] = v;
                w[wOff + k] -= (float) v;
            }
        }
    }
}
