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
 * Gradient descent with a rate per weight from the fan-in of the unit the weight feeds
 * (section 1.4.7): {@code w_i <- w_i - eta m_i^(-exponent) dE/dw_i}, with {@code m_i} the fan-in
 * ({@link ParameterLayout#fanInAt}). The chapter wants every weight to converge at about the same
 * speed; a unit's curvature grows with its number of inputs, so the common reading (and the
 * default, exponent 0.5) is a rate proportional to {@code 1/sqrt(fan-in)}. The text's literal
 * wording, "proportional to the square root of the number of inputs", is {@code exponent=-0.5}.
 *
 * <p>The factors {@code m_i^(-exponent)} are computed once per layout and exponent into the state
 * array {@value #RATE_SCALE}, so a step costs what plain SGD costs.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + PerWeightRateOptimizer.NAME})
public final class PerWeightRateOptimizer extends FirstOrderOptimizer implements ElementwiseUpdate {

    static final String NAME = "per-weight";
    /** State array: the factor m_i^(-exponent) of each weight's rate. */
    public static final String RATE_SCALE = "rate-scale";
    /** State scalar: the exponent {@value #RATE_SCALE} was computed with. */
    static final String RATE_EXPONENT = "rate-exponent";

    private static final List<ParameterSpec> PARAMETERS = List.of(learningRate(0.01),
            ParameterSpec.real("exponent", 0.5, -2.0, 2.0,
                    "rate of weight i is lr * fanIn_i^(-exponent); 0.5 gives 1/sqrt(fan-in), -0.5 the text's literal sqrt(fan-in)"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SGD with per-weight rates eta_i = lr * fanIn^(-exponent), by default 1/sqrt(fan-in) (sec. 1.4.7)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> stateArrays() {
        return List.of(RATE_SCALE);
    }

    @Override
    protected void initScalars(State state, ParameterLayout layout, Settings settings) {
        fillRateScale(state.array(RATE_SCALE, layout.size()), layout, settings.getDouble("exponent"));
        state.putScalar(RATE_EXPONENT, settings.getDouble("exponent"));
    }

    /**
     * The factors are derived from the layout and the exponent, not learned: they are always
     * recomputed, and reported as re-initialised only when they change.
     */
    @Override
    public List<String> adopt(State state, ParameterLayout layout, Settings settings) {
        double[] previous = state.array(RATE_SCALE);
        List<String> reset = super.adopt(state, layout, settings);
        reset.remove(RATE_SCALE);
        reset.remove(RATE_EXPONENT);
        double[] scale = state.array(RATE_SCALE, layout.size());
        double[] before = previous != null && previous.length == scale.length ? previous.clone() : null;
        fillRateScale(scale, layout, settings.getDouble("exponent"));
        state.putScalar(RATE_EXPONENT, settings.getDouble("exponent"));
        if (!java.util.Arrays.equals(before, scale)) {
            reset.add(RATE_SCALE);
        }
        return reset;
    }

    /** {@code scale[i] = fanIn(i)^(-exponent)}, segment by segment (one pow per segment). */
    static void fillRateScale(double[] scale, ParameterLayout layout, double exponent) {
        if (scale.length != layout.size()) {
            throw new IllegalArgumentException("rate-scale array of length " + scale.length + " for a layout of "
                    + layout.size() + " parameters");
        }
        for (ParameterLayout.Segment segment : layout.segments()) {
            java.util.Arrays.fill(scale, segment.offset(), segment.end(), Math.pow(segment.fanIn(), -exponent));
        }
    }

    @Override
    protected StepResult update(double[] w, double[] g, double loss, State state, StepContext context) {
        double[] scale = required(state, RATE_SCALE, w.length);
        double exponent = context.settings().getDouble("exponent");
        if (state.scalar(RATE_EXPONENT, Double.NaN) != exponent) {
            // The exponent setting changed without init or adopt: follow the setting, in place.
            fillRateScale(scale, context.layout(), exponent);
            state.putScalar(RATE_EXPONENT, exponent);
        }
        double eta = context.learningRate();
        for (int i = 0; i < w.length; i++) {
            w[i] -= eta * scale[i] * g[i];
        }
        return StepResult.of(loss);
    }

    /** The same rule on float blocks: {@code w -= eta s_i g} with the state's per-weight factors. */
    @Override
    public Rule rule(State state, Settings settings, ParameterLayout layout) {
        double[] scale = required(state, RATE_SCALE, layout.size());
        double exponent = settings.getDouble("exponent");
        if (state.scalar(RATE_EXPONENT, Double.NaN) != exponent) {
            // as in update: the exponent setting changed without init or adopt
            fillRateScale(scale, layout, exponent);
            state.putScalar(RATE_EXPONENT, exponent);
        }
        return new Scaled(scale);
    }

    /** {@code w -= eta s_i g} per parameter. */
    private static final class Scaled implements Rule {
        private final double[] scale;
        private double eta;

        Scaled(double[] scale) {
            this.scale = scale;
        }

        @Override
        public void beginStep(double learningRate) {
            eta = learningRate;
        }

        @Override
        public void apply(float[] w, int wOff, float[] g, int gOff, float gradientScale, int n, int param) {
            double step = eta * gradientScale;
            for (int k = 0; k < n; k++) {
                w[wOff + k] -= (float) (step * scale[param + k] * g[gOff + k]);
            }
        }
    }
}
