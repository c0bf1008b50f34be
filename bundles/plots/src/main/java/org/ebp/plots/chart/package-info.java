/**
 * Charts drawn without a charting library: a {@link org.ebp.plots.chart.Chart} (axes, series,
 * marks) painted by {@link org.ebp.plots.chart.ChartPainter} onto a
 * {@link org.ebp.plots.chart.Canvas}, which is an SVG document or a PNG image. The dashboard
 * bundle draws its live curves with the same code.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.ebp.plots.chart;
