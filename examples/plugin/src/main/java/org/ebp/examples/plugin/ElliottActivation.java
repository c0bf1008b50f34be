package org.ebp.examples.plugin;

import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/**
 * The Elliott sigmoid f(x) = x / (1 + |x|) (D. L. Elliott, 1993), range (-1, 1).
 *
 * <p>Symmetric like tanh (section 1.4.4 of Efficient BackProp), but with no exponential: cheap to
 * compute, with polynomial rather than exponential tails, so it saturates slowly.
 * Derivatives: f'(x) = 1 / (1 + |x|)^2 and f''(x) = -2 sign(x) / (1 + |x|)^3. Like tanh, its
 * asymptotes are -1 and 1, so targets must lie strictly inside (section 1.4.5).
 */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + ElliottActivation.NAME})
public final class ElliottActivation implements Activation {

    static final String NAME = "elliott";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Elliott sigmoid x/(1+|x|), range (-1,1): tanh-like without exp (example plugin)";
    }

    @Override
    public double value(double x) {
        return x / (1.0 + Math.abs(x));
    }

    @Override
    public double derivative(double x) {
        double d = 1.0 + Math.abs(x);
        return 1.0 / (d * d);
    }

    @Override
    public double secondDerivative(double x) {
        double d = 1.0 + Math.abs(x);
        return -2.0 * Math.signum(x) / (d * d * d);
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
            double x = z[i];
            y[i] = x / (1.0 + Math.abs(x));
        }
    }

    /** f' = (1 - |y|)^2, since 1 - |y| = 1 / (1 + |x|): no division in the backward pass. */
    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double s = 1.0 - Math.abs(y[i]);
            d[i] = s * s;
        }
    }
}
