package org.ebp.engine.network;

import java.util.Arrays;
import java.util.Locale;

/**
 * A layer spec such as {@code 64-30-10}: the widths of a dense network, input first. The first
 * width may be {@code in} (the data's feature count) and the last {@code out} (its number of
 * classes, or of targets for regression).
 */
public final class LayerSpec {

    /** Marks an unknown width when no data is loaded. */
    public static final int UNKNOWN = -1;

    private LayerSpec() {
    }

    /**
     * Parses a spec.
     *
     * @param spec        the text, e.g. {@code in-30-out}
     * @param inputWidth  width that {@code in} stands for, or {@link #UNKNOWN}
     * @param outputWidth width that {@code out} stands for, or {@link #UNKNOWN}
     * @return the widths, input first, at least two
     * @throws IllegalArgumentException naming the spec and the fix
     */
    public static int[] parse(String spec, int inputWidth, int outputWidth) {
        String text = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        String[] parts = text.split("-", -1);
        if (text.isEmpty() || parts.length < 2) {
            throw invalid(spec, " (it needs at least an input and an output width)");
        }
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.equals("in") && i == 0) {
                if (inputWidth == UNKNOWN) {
                    throw new IllegalArgumentException("layer spec '" + spec + "' uses 'in' but no data is loaded; "
                            + "load data first or give the input width as a number");
                }
                widths[i] = inputWidth;
            } else if (p.equals("out") && i == parts.length - 1) {
                if (outputWidth == UNKNOWN) {
                    throw new IllegalArgumentException("layer spec '" + spec + "' uses 'out' but no data is loaded; "
                            + "load data first or give the output width as a number");
                }
                widths[i] = outputWidth;
            } else {
                try {
                    widths[i] = Integer.parseInt(p);
                } catch (NumberFormatException e) {
                    throw invalid(spec, "");
                }
                if (widths[i] <= 0) {
                    throw invalid(spec, " (widths must be positive)");
                }
            }
        }
        long parameters = parameterCount(widths);
        if (parameters > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("layer spec '" + spec + "' would need " + parameters
                    + " parameters, more than one Java array holds; use narrower layers");
        }
        return widths;
    }

    /** Number of weights and biases of a dense network with these widths. */
    public static long parameterCount(int[] widths) {
        long n = 0;
        for (int l = 1; l < widths.length; l++) {
            n += (long) widths[l] * (widths[l - 1] + 1L);
        }
        return n;
    }

    /** The canonical text of widths, e.g. {@code 64-30-10}. */
    public static String format(int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                b.append('-');
            }
            b.append(widths[i]);
        }
        return b.toString();
    }

    private static IllegalArgumentException invalid(String spec, String why) {
        return new IllegalArgumentException("layer spec '" + spec + "' is not valid" + why
                + ": use widths separated by '-', e.g. 64-30-10 (the first may be 'in', the last 'out')");
    }

    static int[] copy(int[] widths) {
        return Arrays.copyOf(widths, widths.length);
    }
}
