package org.ebp.plots.chart;

import java.util.Objects;

/**
 * One curve: points (x, y) in data coordinates, a name for the legend, a colour and a dash.
 * Points with a non-finite y (or y <= 0 on a log axis) break the line instead of drawing it.
 *
 * @param name   legend text, also the SVG's data-series attribute
 * @param xs     x values, ascending
 * @param ys     y values, as many as xs
 * @param color  0xRRGGBB
 * @param dashed dashed line (e.g. the training curve beside the solid evaluation curve)
 * @param dots   draw a dot at each point (spectra, short curves)
 */
public record Series(String name, double[] xs, double[] ys, int color, boolean dashed, boolean dots) {
    public Series {
        Objects.requireNonNull(name);
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("series '" + name + "' has " + xs.length + " x values but " + ys.length
                    + " y values");
        }
    }
}
