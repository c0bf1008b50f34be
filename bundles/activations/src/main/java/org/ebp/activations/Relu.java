package org.ebp.activations;

import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/**
 * The rectifier f(x) = max(0, x), range [0, inf). Not in the 1998 chapter; offered for
 * comparison. f' is the step (taken as 0 at x = 0, as PyTorch does) and f'' = 0 wherever it exists.
 */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + Relu.NAME})
public final class Relu implements Activation {

    static final String NAME = "relu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "rectifier max(0,x), range [0,inf); not from the paper, for comparison";
    }

    @Override
    public double value(double x) {
        return x > 0.0 ? x : 0.0;
    }

    @Override
    public double derivative(double x) {
        return x > 0.0 ? 1.0 : 0.0;
    }

    @Override
    public double secondDerivative(double x) {
        return 0.0;
    }

    @Override
    public double lowerBound() {
        return 0.0;
    }

    @Override
    public double upperBound() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public void forward(double[] z, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            double zi = z[i];
            y[i] = zi > 0.0 ? zi : 0.0;
        }
    }

    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = z[i] > 0.0 ? 1.0 : 0.0;
        }
    }
}
