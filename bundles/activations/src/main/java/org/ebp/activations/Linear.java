package org.ebp.activations;

import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/** The identity f(x) = x, unbounded: for regression outputs and linear (LMS) units (section 1.5). */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + Linear.NAME})
public final class Linear implements Activation {

    static final String NAME = "linear";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "identity f(x)=x, unbounded; for regression outputs and linear units";
    }

    @Override
    public double value(double x) {
        return x;
    }

    @Override
    public double derivative(double x) {
        return 1.0;
    }

    @Override
    public double secondDerivative(double x) {
        return 0.0;
    }

    @Override
    public double lowerBound() {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    public double upperBound() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public void forward(double[] z, double[] y, int from, int to) {
        if (y != z) {
            System.arraycopy(z, from, y, from, to - from);
        }
    }

    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        java.util.Arrays.fill(d, from, to, 1.0);
    }
}
