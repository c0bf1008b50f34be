package org.ebp.plots.chart;

/**
 * A vertical line across a chart at an x position: a component swapped, a pause.
 *
 * @param x     where, in data coordinates
 * @param kind  what it is ("swap", "pause"): the SVG's class, and its colour
 * @param label a short label drawn beside the line (e.g. "momentum")
 * @param title the whole line of history, the SVG's tooltip
 */
public record Mark(double x, String kind, String label, String title) {
}
