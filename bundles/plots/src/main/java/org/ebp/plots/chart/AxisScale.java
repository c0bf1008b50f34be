package org.ebp.plots.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps data values onto a pixel interval, linearly or by log10, and chooses round tick values
 * (1, 2, 5 x 10^k on a linear axis, at least 1 when every value is a whole number, as epochs are;
 * powers of ten, with 2 and 5 between them when the range is short, on a log axis).
 */
final class AxisScale {

    private final boolean log;
    private final double low;
    private final double high;
    private final double pixelLow;
    private final double pixelHigh;
    private final double step;

    private AxisScale(boolean log, double low, double high, double pixelLow, double pixelHigh, double step) {
        this.log = log;
        this.low = low;
        this.high = high;
        this.pixelLow = pixelLow;
        this.pixelHigh = pixelHigh;
        this.step = step;
    }

    private AxisScale(boolean log, double low, double high, double pixelLow, double pixelHigh) {
        this(log, low, high, pixelLow, pixelHigh, niceStep((high - low) / 5));
    }

    /**
     * A scale covering {@code values} (non-finite ones, and non-positive ones on a log axis, are
     * ignored), widened to round numbers; [0, 1] when there is nothing to cover.
     */
    static AxisScale covering(double[][] values, boolean log, double pixelLow, double pixelHigh) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean whole = true;
        for (double[] vs : values) {
            for (double v : vs) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    whole &= v == Math.rint(v);
                }
            }
        }
        if (min > max) {
            return log ? new AxisScale(true, 0, 1, pixelLow, pixelHigh) : new AxisScale(false, 0, 1, pixelLow, pixelHigh);
        }
        if (log) {
            double a = Math.floor(Math.log10(min));
            double b = Math.ceil(Math.log10(max));
            return new AxisScale(true, a, b == a ? a + 1 : b, pixelLow, pixelHigh);
        }
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        // whole numbers (epochs) get whole ticks: no tick at epoch 1.5
        double step = whole ? Math.max(1, niceStep((max - min) / 5)) : niceStep((max - min) / 5);
        return new AxisScale(false, Math.floor(min / step) * step, Math.ceil(max / step) * step, pixelLow, pixelHigh, step);
    }

    /** A fixed linear range, e.g. [0, 1] for accuracy. */
    static AxisScale fixed(double low, double high, double pixelLow, double pixelHigh) {
        return new AxisScale(false, low, high, pixelLow, pixelHigh);
    }

    boolean drawable(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    double pixel(double v) {
        double t = ((log ? Math.log10(v) : v) - low) / (high - low);
        return pixelLow + t * (pixelHigh - pixelLow);
    }

    /** Tick values inside the range, in data units. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            boolean dense = high - low <= 2;
            for (int e = (int) low; e <= (int) high; e++) {
                double decade = Math.pow(10, e);
                ticks.add(decade);
                if (dense && e < high) {
                    ticks.add(2 * decade);
                    ticks.add(5 * decade);
                }
            }
            return ticks;
        }
        for (double v = low; v <= high + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    /** Tick text: few digits, scientific for very large or small magnitudes. */
    String label(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e4 || a < 1e-3) {
            String[] parts = String.format(Locale.ROOT, "%.1e", v).split("e");
            String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            return mantissa + "e" + Integer.parseInt(parts[1]);
        }
        String text = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0) || !Double.isFinite(rough)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }
}
