package org.ebp.activations;

import java.util.Objects;
import org.ebp.api.model.Activation;

/** Range checks and wording shared by the target codings. */
final class ActivationRange {

    private ActivationRange() {
    }

    /** The output activation, refused with a clear message when missing. */
    static Activation require(Activation output, String coding) {
        return Objects.requireNonNull(output, () -> "target coding '" + coding + "' needs the output activation, got null");
    }

    /** True when {@code v} lies strictly inside the activation's open range, i.e. is reachable. */
    static boolean strictlyInside(Activation output, double v) {
        return v > output.lowerBound() && v < output.upperBound();
    }

    /** True when both ends of the range are finite. */
    static boolean bounded(Activation output) {
        return Double.isFinite(output.lowerBound()) && Double.isFinite(output.upperBound());
    }

    /** E.g. {@code 'logistic' (range (0, 1))}. */
    static String describe(Activation output) {
        return "'" + output.name() + "' (range (" + format(output.lowerBound()) + ", " + format(output.upperBound()) + "))";
    }

    static String format(double v) {
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
