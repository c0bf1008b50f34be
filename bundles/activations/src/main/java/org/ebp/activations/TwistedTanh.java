package org.ebp.activations;

import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/**
 * tanh with a twisting term, f(x) = tanh(x) + a x (section 1.4.4), unbounded.
 *
 * <p>The linear term keeps f' >= a > 0 everywhere, so a saturated unit still passes gradient and
 * the error surface has no flat spots. With t = tanh(x): f' = 1 - t^2 + a, f'' = -2t(1 - t^2).
 *
 * <p>The component registered in the framework uses a = {@value #DEFAULT_TWIST}: the
 * {@link Activation} contract takes no settings, so a per-use coefficient would need an API change.
 * Code that builds activations directly can choose another a with {@link #TwistedTanh(double)}.
 */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + TwistedTanh.NAME})
public final class TwistedTanh implements Activation {

    static final String NAME = "twisted-tanh";

    /** The twisting coefficient of the registered component: small, as the paper asks. */
    public static final double DEFAULT_TWIST = 0.1;

    private final double twist;

    /** The registered component, a = {@value #DEFAULT_TWIST}. */
    public TwistedTanh() {
        this(DEFAULT_TWIST);
    }

    /**
     * @param twist the coefficient a of the linear term, finite and &gt; 0
     * @throws IllegalArgumentException for a &lt;= 0, NaN or infinity
     */
    public TwistedTanh(double twist) {
        if (!(twist > 0.0) || Double.isInfinite(twist)) {
            throw new IllegalArgumentException("twisted-tanh coefficient a=" + twist
                    + " must be a finite number > 0 (small, e.g. 0.1); for a = 0 use 'tanh'");
        }
        this.twist = twist;
    }

    /** The coefficient a. */
    public double twist() {
        return twist;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "tanh(x) + " + twist + " x: the twisting term avoids flat spots, unbounded (sec. 1.4.4)";
    }

    @Override
    public double value(double x) {
        return Math.tanh(x) + twist * x;
    }

    @Override
    public double derivative(double x) {
        double t = Math.tanh(x);
        return 1.0 - t * t + twist;
    }

    @Override
    public double secondDerivative(double x) {
        double t = Math.tanh(x);
        return -2.0 * t * (1.0 - t * t);
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
        for (int i = from; i < to; i++) {
            double zi = z[i];
            y[i] = Math.tanh(zi) + twist * zi;
        }
    }

    /** Recovers t = tanh(z) = y - a z from the forward outputs: no tanh in the backward pass. */
    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double t = y[i] - twist * z[i];
            d[i] = 1.0 - t * t + twist;
        }
    }
}
