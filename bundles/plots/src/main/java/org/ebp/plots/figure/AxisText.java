package org.ebp.plots.figure;

import java.util.Locale;

/** Numbers in legends: three significant digits, scientific when large or small. */
final class AxisText {

    private AxisText() {
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "-" : "inf";
        }
        double a = Math.abs(v);
        return a != 0 && (a >= 1e4 || a < 1e-2) ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
