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
 * Adam (Kingma and Ba 2015), with bias correction:
 * <pre>
 *   t <- t + 1,   m <- beta1 m + (1 - beta1) g,   v <- beta2 v + (1 - beta2) g^2
 *   w <- w - eta (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 * elementwise. State: arrays {@value #FIRST_MOMENT} and {@value #SECOND_MOMENT}, scalar
 * {@value #STEPS}. The bias correction ties the three together, so they form one
 * {@linkplain #stateGroups() state group} that adoption keeps only as a set: a {@code v} handed
 * over from RMSprop (which has no {@code t}) would be read as one step old and inflated a thousandfold.
 *
 * <p>The rule is elementwise in the gradient; only the bias correction depends on the step, and
 * it is one pair of scalars per step. So Adam is an {@link ElementwiseUpdate}: float32 training
 * and online learning's fused update apply to it, with m and v kept in the state's double arrays.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + AdamOptimizer.NAME})
public final class AdamOptimizer extends FirstOrderOptimizer implements ElementwiseUpdate {

    static final String NAME = "adam";
    /** State array: running mean of gradients. */
    public static final String FIRST_MOMENT = "m";
    /** State array: running mean of squared gradients. */
    public static final String SECOND_MOMENT = "v";
    /** State scalar: steps taken, for the bias correction. */
    public static final String STEPS = "t";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.001),
            ParameterSpec.real("beta1", 0.9, 0.0, 1.0, "forgetting factor of the mean of g (below 1: with beta1=1 the mean never leaves 0)").excludingMax(),
            ParameterSpec.real("beta2", 0.999, 0.0, 1.0, "forgetting factor of the mean of g^2 (below 1: with beta2=1 the mean never leaves 0)").excludingMax(),
            ParameterSpec.real("eps", 1e-8, 0.0, 1.0, "added to sqrt(v) to avoid dividing by 0 (above 0: a weight whose gradient was always 0 would divide 0 by 0)").excludingMin());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Adam: bias-corrected running means of g and g^2, step eta m / (sqrt(v) + eps)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> stateArrays() {
        return List.of(FIRST_MOMENT, SECOND_MOMENT);
    }


    @Override
    protected void initScalars(State state, ParameterLayout layout, Settings settings) {
        state.putScalar(STEPS, 0);
    }

    /** The bias correction reads t as the age of m and v: the three are adopted together or not at all. */
    @Override
    public List<java.util.Set<String>> stateGroups() {
        return List.of(java.util.Set.of(FIRST_MOMENT, SECOND_MOMENT, STEPS));
    }

    @Override
    protected StepResult update(double[] w, double[] g, double loss, State state, StepContext context) {
        double[] m = required(state, FIRST_MOMENT, w.length);
        double[] v = required(state, SECOND_MOMENT, w.length);
        Settings settings = context.settings();
        double beta1 = settings.getDouble("beta1");
        double beta2 = settings.getDouble("beta2");
        double eps = settings.getDouble("eps");
        double t = state.scalar(STEPS, 0) + 1;
        state.putScalar(STEPS, t);
        // Folding the corrections into two scalars: eta / (1 - beta1^t) and sqrt(1 - beta2^t).
        double stepSize = context.learningRate() / (1 - Math.pow(beta1, t));
        double rootCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / rootCorrection2 + eps);
        }
        return StepResult.of(loss);
    }

    /** The same rule on float blocks; {@code t} is counted in the state at each step's start. */
    @Override
    public Rule rule(State state, Settings settings, ParameterLayout layout) {
        return new BiasCorrected(state, required(state, FIRST_MOMENT, layout.size()), required(state, SECOND_MOMENT, layout.size()),
                settings.getDouble("beta1"), settings.getDouble("beta2"), settings.getDouble("eps"));
    }

    /**
     * {@code m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2;
     * w -= stepSize m / (sqrt(v) / rootCorrection2 + eps)} per parameter, with {@link #update}'s
     * two scalars, computed once per step in {@link #beginStep}.
     */
    private static final class BiasCorrected implements Rule {
        private final State state;
        private final double[] m;
        private final double[] v;
        private final double beta1;
        private final double beta2;
        private final double eps;
        private double stepSize;
        private double rootCorrection2;

        BiasCorrected(State state, double[] m, double[] v, double beta1, double beta2, double eps) {
            this.state = state;
            this.m = m;
            this.v = v;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
        }

        @Override
        public void beginStep(double learningRate) {
            // The state holds t (checkpoints and swaps read it); State overwrites it in place.
            double t = state.scalar(STEPS, 0) + 1;
            state.putScalar(STEPS, t);
            stepSize = learningRate / (1 - Math.pow(beta1, t));
            rootCorrection2 = Math.sqrt(1 - Math.pow(beta2, t));
        }

        @Override
        public void apply(float[] w, int wOff, float[] g, int gOff, float scale, int n, int param) {
            for (int k = 0; k < n; k++) {
                int i = param + k;
                double gk = (double) scale * g[gOff + k];
                double mi = beta1 * m[i] + (1 - beta1) * gk;
                double vi = beta2 * v[i] + (1 - beta2) * gk * gk;
                m[i] = mi;
                v[i] = vi;
                w[wOff + k] -= (float) (stepSize * mi / (Math.sqrt(vi) / rootCorrection2 + eps));
            }
        }
    }
}
