package org.ebp.activations;

import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/**
 * The logistic sigmoid f(x) = 1 / (1 + e^-x), range (0, 1).
 *
 * <p>Section 1.4.4: not symmetric about the origin, so its outputs have a non-zero mean and it
 * converges more slowly than the symmetric sigmoids; kept for comparison and for the classic
 * {0.1, 0.9} targets. Derivatives follow from y = f(x): f' = y(1 - y), f'' = y(1 - y)(1 - 2y).
 */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + Logistic.NAME})
public final class Logistic implements Activation {

    static final String NAME = "logistic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "logistic sigmoid 1/(1+e^-x), range (0,1); slower than symmetric sigmoids (sec. 1.4.4)";
    }

    @Override
    public double value(double x) {
        // For x -> -inf, exp(-x) overflows to +inf and the quotient is a correct 0, never NaN.
        return 1.0 / (1.0 + Math.exp(-x));
    }

    @Override
    public double derivative(double x) {
        double y = value(x);
        return y * (1.0 - y);
    }

    @Override
    public double secondDerivative(double x) {
        double y = value(x);
        return y * (1.0 - y) * (1.0 - 2.0 * y);
    }

    @Override
    public double lowerBound() {
        return 0.0;
    }

    @Override
    public double upperBound() {
        return 1.0;
    }

    @Override
    public void forward(double[] z, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = 1.0 / (1.0 + Math.exp(-z[i]));
        }
    }

    /** f' = y(1 - y) from the forward outputs: no exponential in the backward pass. */
    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double yi = y[i];
            d[i] = yi * (1.0 - yi);
        }
    }
}
