package org.ebp.plots.chart;

import java.util.Locale;

/**
 * A canvas that writes an SVG 1.1 document. Curves keep their name as {@code data-series} and
 * mark groups their kind as {@code class}, so that a page or a test can find them.
 */
public final class SvgCanvas implements Canvas {

    private final int width;
    private final int height;
    private final StringBuilder svg = new StringBuilder();

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n");
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void rectangle(double x, double y, double w, double h, int fill, int stroke) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(color(fill)).append("\"")
                .append(stroke < 0 ? "" : " stroke=\"" + color(stroke) + "\"").append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int color, double width, boolean dashed) {
        svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(color(color)).append("\" stroke-width=\"")
                .append(n(width)).append('"').append(dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int count, int color, double width, boolean dashed, String role) {
        svg.append("<polyline data-series=\"").append(escape(role)).append("\" fill=\"none\" stroke=\"")
                .append(color(color)).append("\" stroke-width=\"").append(n(width)).append("\" stroke-linejoin=\"round\"")
                .append(dashed ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"");
        for (int i = 0; i < count; i++) {
            svg.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        svg.append("\"/>\n");
    }

    @Override
    public void dot(double x, double y, double radius, int color) {
        svg.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(radius))
                .append("\" fill=\"").append(color(color)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, int color, Anchor anchor, boolean vertical,
                     boolean bold) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" fill=\"").append(color(color)).append("\" text-anchor=\"")
                .append(anchor == Anchor.START ? "start" : anchor == Anchor.MIDDLE ? "middle" : "end").append('"')
                .append(bold ? " font-weight=\"bold\"" : "")
                .append(vertical ? " transform=\"rotate(-90 " + n(x) + " " + n(y) + ")\"" : "").append('>')
                .append(escape(text)).append("</text>\n");
    }

    @Override
    public double textWidth(String text, double size) {
        // DejaVu Sans averages a little under 0.6 em per character of mixed text
        return text.length() * size * 0.6;
    }

    @Override
    public void beginGroup(String kind, String title) {
        svg.append("<g class=\"").append(escape(kind)).append("\"><title>").append(escape(title)).append("</title>\n");
    }

    @Override
    public void endGroup() {
        svg.append("</g>\n");
    }

    /** The finished document. */
    public String document() {
        return svg + "</svg>\n";
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String color(int rgb) {
        return String.format(Locale.ROOT, "#%06X", rgb & 0xFFFFFF);
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }
}
