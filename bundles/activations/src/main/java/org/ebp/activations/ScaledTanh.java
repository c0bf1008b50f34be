package org.ebp.activations;

import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/**
 * The sigmoid recommended by section 1.4.4: f(x) = 1.7159 tanh(2x/3), range (-1.7159, 1.7159).
 *
 * <p>The constants make f(+-1) = +-1 (so +-1 targets sit where |f''| is largest, near x = +-0.988,
 * section 1.4.5), the effective gain near the origin about 1 (f'(0) = 1.7159 * 2/3 = 1.1439),
 * and the variance of the outputs close to 1 when the inputs are normalized and weights are
 * drawn with sigma = m^-1/2 (eqs 15-16).
 *
 * <p>With t = tanh(2x/3) = y / 1.7159: f' = 1.7159 (2/3)(1 - t^2) = (2/3)(1.7159 - y^2 / 1.7159),
 * f'' = -2 * 1.7159 (2/3)^2 t (1 - t^2).
 */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + ScaledTanh.NAME})
public final class ScaledTanh implements Activation {

    static final String NAME = "scaled-tanh";

    /** Amplitude A of f(x) = A tanh(S x) (section 1.4.4). */
    public static final double AMPLITUDE = 1.7159;
    /** Slope S = 2/3 inside the tanh (section 1.4.4). */
    public static final double SLOPE = 2.0 / 3.0;

    private static final double GAIN = AMPLITUDE * SLOPE;
    private static final double INVERSE_AMPLITUDE = 1.0 / AMPLITUDE;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "recommended sigmoid 1.7159 tanh(2x/3): f(+-1)=+-1, f'(0)=1.1439, range +-1.7159 (sec. 1.4.4)";
    }

    @Override
    public double value(double x) {
        return AMPLITUDE * Math.tanh(SLOPE * x);
    }

    @Override
    public double derivative(double x) {
        double t = Math.tanh(SLOPE * x);
        return GAIN * (1.0 - t * t);
    }

    @Override
    public double secondDerivative(double x) {
        double t = Math.tanh(SLOPE * x);
        return -2.0 * GAIN * SLOPE * t * (1.0 - t * t);
    }

    @Override
    public double lowerBound() {
        return -AMPLITUDE;
    }

    @Override
    public double upperBound() {
        return AMPLITUDE;
    }

    @Override
    public void forward(double[] z, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = AMPLITUDE * Math.tanh(SLOPE * z[i]);
        }
    }

    /** f' = A S (1 - (y/A)^2) from the forward outputs: no tanh in the backward pass. */
    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double t = y[i] * INVERSE_AMPLITUDE;
            d[i] = GAIN * (1.0 - t * t);
        }
    }

    /** Float32 block through {@link FloatTanh} (error at most {@value FloatTanh#MAX_ERROR} times the amplitude). */
    @Override
    public void forward(float[] z, float[] y, int from, int to) {
        FloatTanh.apply(z, y, from, to, (float) SLOPE, (float) AMPLITUDE);
    }

    /** Float32 block of the derivative from the forward outputs. */
    @Override
    public void derivative(float[] z, float[] y, float[] d, int from, int to) {
        float inverse = (float) INVERSE_AMPLITUDE;
        float gain = (float) GAIN;
        for (int i = from; i < to; i++) {
            float t = y[i] * inverse;
            d[i] = gain * (1f - t * t);
        }
    }
}
