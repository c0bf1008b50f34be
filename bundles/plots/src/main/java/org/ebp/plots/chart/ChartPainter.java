package org.ebp.plots.chart;

import java.util.List;

/**
 * Paints charts stacked top to bottom onto a canvas: title, grid, ticks, axis labels, curves,
 * marks and a legend in the corner of each panel where it hides no curve, or, when every corner
 * would hide some (a study's dozen curves), beside the plot area on the right.
 */
public final class ChartPainter {

    /** Colours that stay apart for the colour-blind (Okabe and Ito's palette). */
    public static final int[] PALETTE = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000};
    private static final int AXIS = 0x333333;
    private static final int GRID = 0xE4E4E4;
    private static final int SWAP = 0x7B3294;
    private static final int PAUSE = 0x999999;
    private static final double FONT = 13;
    private static final double LEFT = 74;
    private static final double RIGHT = 18;
    private static final double TOP = 30;
    private static final double BOTTOM = 46;
    private static final double ROW = 17;

    private ChartPainter() {
    }

    /** Paints {@code charts} in equal horizontal bands of the canvas. */
    public static void paint(Canvas canvas, List<Chart> charts) {
        canvas.rectangle(0, 0, canvas.width(), canvas.height(), 0xFFFFFF, -1);
        double band = canvas.height() / (double) Math.max(1, charts.size());
        for (int i = 0; i < charts.size(); i++) {
            paint(canvas, charts.get(i), 0, i * band, canvas.width(), band);
        }
    }

    private static void paint(Canvas canvas, Chart chart, double x0, double y0, double w, double h) {
        double left = x0 + LEFT;
        double right = x0 + w - RIGHT;
        double top = y0 + TOP;
        double bottom = y0 + h - BOTTOM;
        canvas.text(x0 + w / 2, y0 + 20, chart.title(), FONT + 2, AXIS, Canvas.Anchor.MIDDLE, false, true);

        double[][] xs = new double[chart.series().size() + chart.marks().size()][];
        double[][] ys = new double[chart.series().size()][];
        for (int i = 0; i < chart.series().size(); i++) {
            xs[i] = chart.series().get(i).xs();
            ys[i] = chart.series().get(i).ys();
        }
        for (int i = 0; i < chart.marks().size(); i++) {
            xs[chart.series().size() + i] = new double[] {chart.marks().get(i).x()};
        }
        AxisScale x = AxisScale.covering(xs, false, left, right);
        AxisScale y = AxisScale.covering(ys, chart.logY(), bottom, top);
        double[] legend = legendPlace(canvas, chart.series(), new double[] {left, right, top, bottom}, x, y);
        if (legend != null && legend[2] == 1) {
            right = legend[0] - 16; // the legend stands beside the plot: the plot gives it room
            x = AxisScale.covering(xs, false, left, right);
        }

        canvas.rectangle(left, top, right - left, bottom - top, 0xFFFFFF, -1);
        for (double t : y.ticks()) {
            double py = y.pixel(t);
            canvas.line(left, py, right, py, GRID, 1, false);
            canvas.text(left - 6, py + 4, y.label(t), FONT - 1, AXIS, Canvas.Anchor.END, false, false);
        }
        for (double t : x.ticks()) {
            double px = x.pixel(t);
            canvas.line(px, top, px, bottom, GRID, 1, false);
            canvas.text(px, bottom + 16, x.label(t), FONT - 1, AXIS, Canvas.Anchor.MIDDLE, false, false);
        }
        canvas.line(left, bottom, right, bottom, AXIS, 1, false);
        canvas.line(left, top, left, bottom, AXIS, 1, false);
        canvas.text((left + right) / 2, bottom + 36, chart.xLabel(), FONT, AXIS, Canvas.Anchor.MIDDLE, false, false);
        canvas.text(x0 + 16, (top + bottom) / 2, chart.yLabel() + (chart.logY() ? " (log scale)" : ""), FONT, AXIS,
                Canvas.Anchor.MIDDLE, true, false);

        for (Mark m : chart.marks()) {
            int color = "pause".equals(m.kind()) ? PAUSE : SWAP;
            double px = x.pixel(m.x());
            canvas.beginGroup(m.kind(), m.title());
            canvas.line(px, top, px, bottom, color, 1.5, true);
            // turned text hangs left of its baseline: start one font size right of the line
            canvas.text(px + FONT, top + 4, m.label(), FONT - 2, color, Canvas.Anchor.END, true, false);
            canvas.endGroup();
        }
        for (Series s : chart.series()) {
            drawSeries(canvas, s, x, y);
        }
        if (legend != null) {
            legend(canvas, chart.series(), legend[0], legend[1]);
        }
    }

    private static void drawSeries(Canvas canvas, Series s, AxisScale x, AxisScale y) {
        double[] px = new double[s.xs().length];
        double[] py = new double[s.xs().length];
        int n = 0;
        for (int i = 0; i <= s.xs().length; i++) {
            boolean ok = i < s.xs().length && y.drawable(s.ys()[i]) && Double.isFinite(s.xs()[i]);
            if (ok) {
                px[n] = x.pixel(s.xs()[i]);
                py[n] = y.pixel(s.ys()[i]);
                n++;
            } else if (n > 0) {
                // a NaN (or a value a log axis cannot show) ends this piece of the line
                canvas.polyline(px, py, n, s.color(), 2, s.dashed(), s.name());
                if (s.dots()) {
                    for (int j = 0; j < n; j++) {
                        canvas.dot(px[j], py[j], 3, s.color());
                    }
                }
                n = 0;
            }
        }
    }

    /**
     * Where the legend goes: the corner of the plot area where it hides the fewest points of the
     * curves (top right when several hide none); when every corner hides some and the legend fits
     * beside the plot (the plot keeping at least half the width), right of the plot area, which
     * the caller then narrows. Null without series.
     *
     * @param area left, right, top, bottom of the plot area in pixels
     * @return the legend box's left and top, and 1 when it stands beside the plot (else 0)
     */
    private static double[] legendPlace(Canvas canvas, List<Series> series, double[] area, AxisScale xs, AxisScale ys) {
        if (series.isEmpty()) {
            return null;
        }
        double w = legendWidth(canvas, series);
        double h = series.size() * ROW + 8;
        double[][] corners = {{area[1] - w - 8, area[2] + 8}, {area[1] - w - 8, area[3] - h - 8},
                {area[0] + 8, area[2] + 8}, {area[0] + 8, area[3] - h - 8}};
        double[] best = corners[0];
        int fewest = Integer.MAX_VALUE;
        for (double[] c : corners) {
            int hidden = hiddenPoints(series, xs, ys, c[0], c[1], w, h);
            if (hidden < fewest) {
                fewest = hidden;
                best = c;
            }
        }
        double plotWidth = area[1] - area[0];
        if (fewest > 0 && h <= area[3] - area[2] && w + 16 <= plotWidth / 2) {
            return new double[] {area[1] + RIGHT - w - 6, area[2], 1};
        }
        return new double[] {best[0], best[1], 0};
    }

    private static double legendWidth(Canvas canvas, List<Series> series) {
        double widest = 0;
        for (Series s : series) {
            widest = Math.max(widest, canvas.textWidth(s.name(), FONT - 1));
        }
        return widest + 44;
    }

    private static void legend(Canvas canvas, List<Series> series, double x, double y) {
        double w = legendWidth(canvas, series);
        double h = series.size() * ROW + 8;
        canvas.rectangle(x, y, w, h, 0xFFFFFF, 0xBBBBBB);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double cy = y + 4 + ROW * i + ROW / 2;
            canvas.line(x + 8, cy, x + 32, cy, s.color(), 2, s.dashed());
            canvas.text(x + 38, cy + 4, s.name(), FONT - 1, 0x222222, Canvas.Anchor.START, false, false);
        }
    }

    /** Points of the curves (and 8 points along each segment) inside the box. */
    static int hiddenPoints(List<Series> series, AxisScale xs, AxisScale ys, double bx, double by, double w, double h) {
        int hidden = 0;
        for (Series s : series) {
            double px = Double.NaN;
            double py = Double.NaN;
            for (int i = 0; i < s.xs().length; i++) {
                if (!ys.drawable(s.ys()[i]) || !Double.isFinite(s.xs()[i])) {
                    px = Double.NaN;
                    continue;
                }
                double qx = xs.pixel(s.xs()[i]);
                double qy = ys.pixel(s.ys()[i]);
                int samples = Double.isNaN(px) ? 1 : 8;
                for (int k = 1; k <= samples; k++) {
                    double t = k / (double) samples;
                    double sx = Double.isNaN(px) ? qx : px + t * (qx - px);
                    double sy = Double.isNaN(px) ? qy : py + t * (qy - py);
                    if (sx >= bx && sx <= bx + w && sy >= by && sy <= by + h) {
                        hidden++;
                    }
                }
                px = qx;
                py = qy;
            }
        }
        return hidden;
    }
}
