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
                if (i > 0 && p.startsWith("rbf")) {
                    p = p.substring(p.startsWith("rbf:") ? 4 : 3);
                }
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

    /**
     * Which weight layers of a spec are layers of Gaussian (RBF) units: a width written
     * {@code rbfN} or {@code rbf:N}, e.g. {@code 64-rbf20-10}. {@link #parse} accepts the same
     * text and returns the widths.
     *
     * @return one flag per weight layer (widths - 1)
     */
    public static boolean[] rbfLayers(String spec) {
        String[] parts = (spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT)).split("-", -1);
        boolean[] flags = new boolean[Math.max(0, parts.length - 1)];
        for (int i = 1; i < parts.length; i++) {
            flags[i - 1] = parts[i].trim().startsWith("rbf");
        }
        if (parts.length > 0 && parts[0].trim().startsWith("rbf")) {
            throw new IllegalArgumentException("layer spec '" + spec + "': the first width is the input, it cannot be an "
                    + "RBF layer; write e.g. 64-rbf20-10");
        }
        return flags;
    }

    /** The canonical text with RBF layers marked, e.g. {@code 64-rbf20-10}. */
    public static String format(int[] widths, boolean[] rbf) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                b.append('-');
                if (rbf[i - 1]) {
                    b.append("rbf");
                }
            }
            b.append(widths[i]);
        }
        return b.toString();
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
                + ": use widths separated by '-', e.g. 64-30-10 (the first may be 'in', the last 'out'; rbfN marks a layer "
                + "of N Gaussian units, e.g. 64-rbf20-10)");
    }

    static int[] copy(int[] widths) {
        return Arrays.copyOf(widths, widths.length);
    }
}
