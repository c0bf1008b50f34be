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
 * Nesterov's accelerated (look-ahead) momentum. The look-ahead form evaluates the gradient at
 * {@code w - mu dw(t)}; this optimizer stores the look-ahead point itself as the weights (the
 * form of Sutskever et al. 2013 and PyTorch), so the loss is reported at the stored weights and
 * only one point is evaluated per step:
 * <pre>  dw(t+1) = eta dE/dw + mu dw(t),   w <- w - (eta dE/dw + mu dw(t+1))</pre>
 * The state array {@value MomentumOptimizer#VELOCITY} has the meaning it has in
 * {@link MomentumOptimizer}, so a session may switch between the two and keep the velocity (the
 * weights then differ from the look-ahead point by {@code mu dw}, a transient of one step).
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + NesterovOptimizer.NAME})
public final class NesterovOptimizer extends FirstOrderOptimizer implements ElementwiseUpdate {

    static final String NAME = "nesterov";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.01),
            ParameterSpec.real("mu", 0.9, 0.0, 1.0, "momentum: the fraction of the last step added to this one (below 1: with mu=1 past steps never decay)").excludingMax());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Nesterov look-ahead momentum: dw = eta g + mu dw, w -= eta g + mu dw (shares momentum's velocity)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> stateArrays() {
        return List.of(MomentumOptimizer.VELOCITY);
    }


    @Override
    protected StepResult update(double[] w, double[] g, double loss, State state, StepContext context) {
        double[] velocity = required(state, MomentumOptimizer.VELOCITY, w.length);
        double eta = context.learningRate();
        double mu = context.settings().getDouble("mu");
        for (int i = 0; i < w.length; i++) {
            double gradientStep = eta * g[i];
            velocity[i] = gradientStep + mu * velocity[i];
            w[i] -= gradientStep + mu * velocity[i];
        }
        return StepResult.of(loss);
    }

    /** The same rule on float blocks, the velocity kept in the state's double array. */
    @Override
    public Rule rule(State state, Settings settings, ParameterLayout layout) {
        return new Lookahead(required(state, MomentumOptimizer.VELOCITY, layout.size()), settings.getDouble("mu"));
    }

    /** {@code v = eta g + mu v; w -= eta g + mu v} per parameter. */
    private static final class Lookahead implements Rule {
        private final double[] velocity;
        private final double mu;
        private double eta;

        Lookahead(double[] velocity, double mu) {
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
                double gradientStep = step * g[gOff + k];
                double v = gradientStep + mu * velocity[param + k];
                velocity[param + k] = v;
                w[wOff + k] -= (float) (gradientStep + mu * v);
            }
        }
    }
}
