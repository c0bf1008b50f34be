package org.ebp.activations;

import java.util.List;
import java.util.Locale;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/**
 * A sigmoid with a twisting term, f(x) = g(x) + a x (section 1.4.4), unbounded. g is tanh by
 * default; the setting {@code base} chooses the recommended 1.7159 tanh(2x/3) or the logistic
 * instead, since the paper adds the term to "any of these" sigmoids.
 *
 * <p>The linear term keeps f' >= a > 0 everywhere, so a saturated unit still passes gradient and
 * the error surface has no flat spots. f' = g' + a and f'' = g'': the twist does not move the
 * points of maximum curvature. With t = tanh(x): tanh' = 1 - t^2, tanh'' = -2t(1 - t^2).
 *
 * <p>The registered service uses a = {@value #DEFAULT_TWIST} and g = tanh; the engine calls
 * {@link #configure(Settings)} with the user's {@code activation.a=...} / {@code activation.base=...}
 * to get an instance with other values. Code that builds activations directly can use
 * {@link #TwistedTanh(double)}.
 */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + TwistedTanh.NAME})
public final class TwistedTanh implements Activation {

    static final String NAME = "twisted-tanh";

    /** The twisting coefficient of the registered component: small, as the paper asks. */
    public static final double DEFAULT_TWIST = 0.1;

    /** The sigmoid g that the linear term is added to. */
    public enum Base {
        /** tanh(x). */
        TANH,
        /** 1.7159 tanh(2x/3), the recommended sigmoid. */
        SCALED_TANH,
        /** 1 / (1 + e^-x). */
        LOGISTIC;

        /** The setting's spelling: tanh, scaled-tanh, logistic. */
        String setting() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Base ofSetting(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("a", DEFAULT_TWIST, 1e-6, 10.0,
                    "coefficient of the twisting term a x; small (0.01..0.5) so the unit stays sigmoid-like"),
            ParameterSpec.choice("base", Base.TANH.setting(), List.of("tanh", "scaled-tanh", "logistic"),
                    "the sigmoid g in g(x) + a x"));

    private static final double A = ScaledTanh.AMPLITUDE;
    private static final double S = ScaledTanh.SLOPE;

    private final double twist;
    private final Base base;

    /** The registered component, a = {@value #DEFAULT_TWIST}, g = tanh. */
    public TwistedTanh() {
        this(DEFAULT_TWIST);
    }

    /**
     * tanh(x) + a x.
     *
     * @param twist the coefficient a of the linear term, finite and &gt; 0
     * @throws IllegalArgumentException for a &lt;= 0, NaN or infinity
     */
    public TwistedTanh(double twist) {
        this(twist, Base.TANH);
    }

    /**
     * g(x) + a x.
     *
     * @param twist the coefficient a of the linear term, finite and &gt; 0
     * @param base  the sigmoid g
     * @throws IllegalArgumentException for a &lt;= 0, NaN or infinity, or no base
     */
    public TwistedTanh(double twist, Base base) {
        if (!(twist > 0.0) || Double.isInfinite(twist)) {
            throw new IllegalArgumentException("twisted-tanh coefficient a=" + twist
                    + " must be a finite number > 0 (small, e.g. 0.1); for a = 0 use 'tanh'");
        }
        if (base == null) {
            throw new IllegalArgumentException("twisted-tanh needs a base sigmoid: tanh, scaled-tanh or logistic");
        }
        this.twist = twist;
        this.base = base;
    }

    /** The coefficient a. */
    public double twist() {
        return twist;
    }

    /** The sigmoid g. */
    public Base base() {
        return base;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "g(x) + a x, g = tanh unless base= says otherwise: the twisting term avoids flat spots, unbounded (sec. 1.4.4)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /** An instance with the settings' a and base; this one when they are its own. */
    @Override
    public Activation configure(Settings settings) {
        double a = settings.getDouble("a");
        Base b = Base.ofSetting(settings.getString("base"));
        return a == twist && b == base ? this : new TwistedTanh(a, b);
    }

    @Override
    public double value(double x) {
        return sigmoid(x) + twist * x;
    }

    @Override
    public double derivative(double x) {
        return sigmoidSlope(sigmoid(x)) + twist;
    }

    @Override
    public double secondDerivative(double x) {
        double g = sigmoid(x);
        return switch (base) {
            case TANH -> -2.0 * g * (1.0 - g * g);
            case SCALED_TANH -> {
                double t = g / A;
                yield -2.0 * A * S * S * t * (1.0 - t * t);
            }
            // logistic: g'' = g (1 - g) (1 - 2g)
            case LOGISTIC -> g * (1.0 - g) * (1.0 - 2.0 * g);
        };
    }

    /** g(x). */
    private double sigmoid(double x) {
        return switch (base) {
            case TANH -> Math.tanh(x);
            case SCALED_TANH -> A * Math.tanh(S * x);
            case LOGISTIC -> 1.0 / (1.0 + Math.exp(-x));
        };
    }

    /** g'(x) written through g(x), so the backward pass needs no transcendental function. */
    private double sigmoidSlope(double g) {
        return switch (base) {
            case TANH -> 1.0 - g * g;
            case SCALED_TANH -> {
                double t = g / A;
                yield A * S * (1.0 - t * t);
            }
            case LOGISTIC -> g * (1.0 - g);
        };
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
            y[i] = sigmoid(zi) + twist * zi;
        }
    }

    /** Recovers g(z) = y - a z from the forward outputs: no transcendental function in the backward pass. */
    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = sigmoidSlope(y[i] - twist * z[i]) + twist;
        }
    }

    @Override
    public String toString() {
        return NAME + " a=" + twist + " base=" + base.setting();
    }
}
