package org.ebp.activations;

import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/**
 * The hyperbolic tangent f(x) = tanh(x), range (-1, 1).
 *
 * <p>Symmetric about the origin (section 1.4.4), so hidden outputs stay near zero mean. With
 * y = f(x): f' = 1 - y^2, f'' = -2y(1 - y^2). Its asymptotes are +-1, so +-1 targets are not
 * reachable; use {@code scaled-tanh} for +-1 targets (section 1.4.5).
 */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + Tanh.NAME})
public final class Tanh implements Activation {

    static final String NAME = "tanh";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "hyperbolic tangent, range (-1,1); symmetric sigmoid (sec. 1.4.4)";
    }

    @Override
    public double value(double x) {
        return Math.tanh(x);
    }

    @Override
    public double derivative(double x) {
        double t = Math.tanh(x);
        return 1.0 - t * t;
    }

    @Override
    public double secondDerivative(double x) {
        double t = Math.tanh(x);
        return -2.0 * t * (1.0 - t * t);
    }

    @Override
    public double lowerBound() {
        return -1.0;
    }

    @Override
    public double upperBound() {
        return 1.0;
    }

    @Override
    public void forward(double[] z, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.tanh(z[i]);
        }
    }

    /** f' = 1 - y^2 from the forward outputs: no tanh in the backward pass. */
    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double yi = y[i];
            d[i] = 1.0 - yi * yi;
        }
    }

    /** Float32 block through {@link FloatTanh} (error at most {@value FloatTanh#MAX_ERROR} times the amplitude). */
    @Override
    public void forward(float[] z, float[] y, int from, int to) {
        FloatTanh.apply(z, y, from, to, 1f, 1f);
    }

    /** Float32 block of the derivative from the forward outputs. */
    @Override
    public void derivative(float[] z, float[] y, float[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            float yi = y[i];
            d[i] = 1f - yi * yi;
        }
    }
}
