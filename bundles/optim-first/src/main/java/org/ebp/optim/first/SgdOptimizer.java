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
 * Plain gradient descent, {@code w <- w - eta dE/dw}: the batch rule (eq 10) when the objective
 * holds the whole training set, the stochastic rule (eq 11) with one example per batch, and
 * mini-batch SGD in between; the batch size is the session's choice (section 1.4.1).
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + SgdOptimizer.NAME})
public final class SgdOptimizer extends FirstOrderOptimizer implements ElementwiseUpdate {

    static final String NAME = "sgd";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.01));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "gradient descent w -= eta g: batch (eq 10), online with batch=1 (eq 11), or mini-batch";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> stateArrays() {
        return List.of();
    }

    @Override
    protected StepResult update(double[] w, double[] g, double loss, State state, StepContext context) {
        double eta = context.learningRate();
        for (int i = 0; i < w.length; i++) {
            w[i] -= eta * g[i];
        }
        return StepResult.of(loss);
    }

    /** The same rule on float blocks: {@code w -= eta * scale * g} (eq 11 for batch 1). */
    @Override
    public Rule rule(State state, Settings settings, ParameterLayout layout) {
        return new Descent();
    }

    /** {@code w -= eta g}; holds only the step's rate. */
    private static final class Descent implements Rule {
        private float eta;

        @Override
        public void beginStep(double learningRate) {
            eta = (float) learningRate;
        }

        @Override
        public void apply(float[] w, int wOff, float[] g, int gOff, float scale, int n, int param) {
            float step = eta * scale;
            for (int k = 0; k < n; k++) {
                w[wOff + k] -= step * g[gOff + k];
            }
        }
    }
}
