package org.ebp.api.model;

import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A unit's squashing function f with its first and second derivatives (section 1.4.4).
 * Registered with {@code ebp.kind=activation}.
 *
 * <p>The block methods are the hot path: the engine calls them on whole mini-batches. Their
 * defaults loop over the scalar methods; implementations may override them for speed.
 */
@ConsumerType
public interface Activation extends Component {

    /**
     * This activation with its settings applied, for activations whose {@link #parameters()} are
     * not empty (for example the twisting coefficient a of tanh(x) + a x, section 1.4.4). The
     * engine validates the user's settings with {@link #settings(java.util.Map)} and calls this
     * once per network; the registered service itself stays at its defaults. Activations without
     * settings return {@code this}.
     *
     * @param settings settings validated against {@link #parameters()}
     * @return an activation computing f with these settings; never null
     */
    default Activation configure(Settings settings) {
        return this;
    }

    /** f(x). */
    double value(double x);

    /** f'(x). */
    double derivative(double x);

    /** f''(x). Needed by target codings (maximum |f''|) and exact Hessian products. */
    double secondDerivative(double x);

    /** Infimum of f (may be {@code Double.NEGATIVE_INFINITY}); targets must lie strictly above it. */
    double lowerBound();

    /** Supremum of f (may be {@code Double.POSITIVE_INFINITY}); targets must lie strictly below it. */
    double upperBound();

    /**
     * False for activations that couple the units of a layer (softmax); such activations
     * implement {@link #forwardRow} and may only be used as an output with a matching loss.
     */
    default boolean elementwise() {
        return true;
    }

    /** {@code y[i] = f(z[i])} for i in [from, to). {@code y} may be {@code z}. */
    default void forward(double[] z, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = value(z[i]);
        }
    }

    /**
     * {@code d[i] = f'(z[i])} for i in [from, to), given also {@code y = f(z)} so that
     * implementations like tanh can use it.
     */
    default void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = derivative(z[i]);
        }
    }

    /** For non-elementwise activations: one row {@code y[off..off+len) = f(z[off..off+len))}. */
    default void forwardRow(double[] z, double[] y, int off, int len) {
        forward(z, y, off, off + len);
    }

    /**
     * Float32 block of {@link #forward(double[], double[], int, int)} for the engine's float32
     * training path. The default computes each value in double and rounds it; implementations may
     * override it with a float kernel (added in 1.2.0, so older activations keep working).
     */
    default void forward(float[] z, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (float) value(z[i]);
        }
    }

    /** Float32 block of {@link #derivative(double[], double[], double[], int, int)}; default as {@link #forward(float[], float[], int, int)}. */
    default void derivative(float[] z, float[] y, float[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            d[i] = (float) derivative(z[i]);
        }
    }
}
