package org.ebp.activations;

import org.ebp.api.model.Activation;
import org.osgi.service.component.annotations.Component;

/**
 * The softmax y_k = e^{z_k} / sum_j e^{z_j} over the units of one row (one example), range (0, 1).
 *
 * <p>Not elementwise: a unit's output depends on the whole row, so a single f(x) does not exist.
 * {@link #value}, {@link #derivative(double)}, {@link #secondDerivative} and the elementwise
 * {@link #forward} throw {@link UnsupportedOperationException}; use {@link #forwardRow} once per
 * example. Meant as an output layer with the cross-entropy loss, whose gradient with respect to z
 * is simply y - t, so the full Jacobian is never needed.
 *
 * <p>{@link #derivative(double[], double[], double[], int, int)} gives the diagonal of the
 * Jacobian, dy_k/dz_k = y_k(1 - y_k), which is what diagonal curvature estimates use (eq 54).
 */
@Component(service = Activation.class, property = {"ebp.kind=activation", "ebp.name=" + Softmax.NAME})
public final class Softmax implements Activation {

    static final String NAME = "softmax";

    private static final String NOT_ELEMENTWISE = "softmax couples the units of a row, so f(x) of a single"
            + " input is not defined; call forwardRow(z, y, offset, units) once per example";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "softmax over a row's units, range (0,1); output layer with cross-entropy and one-hot targets";
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    @Override
    public double value(double x) {
        throw new UnsupportedOperationException(NOT_ELEMENTWISE);
    }

    @Override
    public double derivative(double x) {
        throw new UnsupportedOperationException(NOT_ELEMENTWISE);
    }

    @Override
    public double secondDerivative(double x) {
        throw new UnsupportedOperationException(NOT_ELEMENTWISE);
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
        throw new UnsupportedOperationException(NOT_ELEMENTWISE);
    }

    /**
     * Numerically stable softmax of one row: subtracting the row maximum first leaves the result
     * unchanged (it cancels in the quotient) and keeps every exponent &lt;= 0, so no overflow even
     * for inputs like 1000. {@code y} may be {@code z}.
     */
    @Override
    public void forwardRow(double[] z, double[] y, int off, int len) {
        if (len <= 0) {
            throw new IllegalArgumentException("softmax needs a row of at least one unit, got " + len);
        }
        int end = off + len;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = off; i < end; i++) {
            double zi = z[i];
            if (zi != zi) {
                throw new IllegalArgumentException("softmax input z[" + i + "] is NaN: the network has diverged;"
                        + " lower the learning rate or check the inputs");
            }
            if (zi > max) {
                max = zi;
            }
        }
        if (Double.isInfinite(max)) {
            // +inf has no finite share; an all -inf row has no defined distribution.
            throw new IllegalArgumentException("softmax row z[" + off + ".." + end + ") has maximum " + max
                    + ": the network has diverged; lower the learning rate or check the inputs");
        }
        double sum = 0.0;
        for (int i = off; i < end; i++) {
            double e = Math.exp(z[i] - max);
            y[i] = e;
            sum += e;
        }
        // sum >= 1 because the maximum contributes e^0 = 1.
        double scale = 1.0 / sum;
        for (int i = off; i < end; i++) {
            y[i] *= scale;
        }
    }

    /** The diagonal of the Jacobian, dy_k/dz_k = y_k(1 - y_k), from the forward outputs. */
    @Override
    public void derivative(double[] z, double[] y, double[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            double yi = y[i];
            d[i] = yi * (1.0 - yi);
        }
    }
}
