package org.ebp.plots.chart;

/**
 * What a chart is drawn on: pixels of a PNG or elements of an SVG document, in a coordinate
 * system with the origin top left and y growing downwards. Colours are 0xRRGGBB.
 */
public interface Canvas {

    /** Where a text's x coordinate lies: its start, its middle or its end. */
    enum Anchor { START, MIDDLE, END }

    int width();

    int height();

    void rectangle(double x, double y, double w, double h, int fill, int stroke);

    void line(double x1, double y1, double x2, double y2, int color, double width, boolean dashed);

    /**
     * A polyline through the points; {@code role} names what it is (e.g. "train loss"), which the
     * SVG keeps as a {@code data-series} attribute so that a page or a test can find it.
     */
    void polyline(double[] xs, double[] ys, int count, int color, double width, boolean dashed, String role);

    void dot(double x, double y, double radius, int color);

    /** Text with its baseline at y; {@code vertical} turns it 90 degrees counter-clockwise about (x, y). */
    void text(double x, double y, String text, double size, int color, Anchor anchor, boolean vertical, boolean bold);

    /** The width the text takes at that size, close enough to lay out legends and labels. */
    double textWidth(String text, double size);

    /**
     * Starts a group of marks of one kind (e.g. "swap"), which the SVG keeps as a {@code class}
     * so that a page or a test can find them; every group must be ended.
     */
    default void beginGroup(String kind, String title) {
    }

    default void endGroup() {
    }
}
