package org.ebp.engine.training;

import java.util.Locale;

/**
 * The number format training runs in, chosen per network ({@code net ... precision=}). float32
 * trains first-order optimizers that have an {@link org.ebp.api.optim.ElementwiseUpdate} on a
 * float copy of the weights; everything else (second-order optimizers, RBF layers, Hessian tools,
 * evaluation, checkpoints) works on the float64 master copy.
 */
public enum Precision {
    FLOAT32, FLOAT64;

    /** The setting's default: float32 for first-order training. */
    public static final Precision DEFAULT = FLOAT32;

    /** The setting's word. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses float32 or float64 (also 32 and 64); null gives the default. */
    public static Precision parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "float32", "32", "float", "single":
                return FLOAT32;
            case "float64", "64", "double":
                return FLOAT64;
            default:
                throw new IllegalArgumentException("precision must be float32 or float64, not '"
                        + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }
}
