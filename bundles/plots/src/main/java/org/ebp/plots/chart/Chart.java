package org.ebp.plots.chart;

import java.util.List;

/**
 * One panel: a title, two labelled axes (y linear or log10), curves and vertical marks.
 *
 * @param title  above the panel
 * @param xLabel under the x axis
 * @param yLabel beside the y axis
 * @param logY   a log10 y axis (eigenvalue spectra)
 * @param series the curves, drawn in order; the legend lists them
 * @param marks  vertical lines (swaps, pauses)
 */
public record Chart(String title, String xLabel, String yLabel, boolean logY, List<Series> series, List<Mark> marks) {
    public Chart {
        series = List.copyOf(series);
        marks = List.copyOf(marks);
    }
}
