package org.ebp.plots.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Charts as SVG elements and PNG pixels: what is drawn where. */
class ChartPainterTest {

    private static final Pattern POINTS = Pattern.compile("data-series=\"([^\"]+)\"[^>]* points=\"([^\"]*)\"");

    private static Chart chart(boolean log, double[] ys) {
        double[] xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i + 1;
        }
        return new Chart("t", "epoch", "loss", log, List.of(new Series("train loss", xs, ys, 0x0072B2, true, false)),
                List.of(new Mark(2.5, "swap", "momentum", "optimizer momentum lr=0.01")));
    }

    private static List<double[]> points(String svg, String series) {
        Matcher m = POINTS.matcher(svg);
        List<double[]> pieces = new java.util.ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(series)) {
                String[] pairs = m.group(2).split(" ");
                double[] ys = new double[pairs.length];
                for (int i = 0; i < pairs.length; i++) {
                    ys[i] = Double.parseDouble(pairs[i].split(",")[1]);
                }
                pieces.add(ys);
            }
        }
        return pieces;
    }

    @Test
    void aSeriesBecomesOnePolylineWithAPointPerValueHigherValuesHigherUp() {
        SvgCanvas canvas = new SvgCanvas(800, 500);
        ChartPainter.paint(canvas, List.of(chart(false, new double[] {1.0, 0.5, 0.25, 0.2})));
        String svg = canvas.document();
        List<double[]> pieces = points(svg, "train loss");
        assertEquals(1, pieces.size());
        double[] y = pieces.get(0);
        assertEquals(4, y.length);
        for (int i = 1; i < y.length; i++) {
            assertTrue(y[i] > y[i - 1], "a smaller loss is drawn lower (larger pixel y): " + java.util.Arrays.toString(y));
        }
        assertTrue(svg.contains("<g class=\"swap\"><title>optimizer momentum lr=0.01</title>"), svg);
        assertTrue(svg.contains(">epoch</text>") && svg.contains(">loss</text>"), "axes are labelled");
        assertTrue(svg.contains(">train loss</text>"), "the legend names the series");
    }

    @Test
    void aNaNOrANonPositiveValueOnALogAxisBreaksTheLine() {
        SvgCanvas canvas = new SvgCanvas(800, 500);
        ChartPainter.paint(canvas, List.of(chart(true, new double[] {100, 10, 0, 1, Double.NaN, 0.1})));
        List<double[]> pieces = points(canvas.document(), "train loss");
        assertEquals(3, pieces.size(), "pieces: [100, 10], [1], [0.1]");
        // equal ratios are equal distances on a log axis
        double decade = pieces.get(0)[1] - pieces.get(0)[0];
        assertEquals(decade, pieces.get(1)[0] - pieces.get(0)[1], 0.15);
        assertEquals(decade, pieces.get(2)[0] - pieces.get(1)[0], 0.15);
    }

    @Test
    void theSvgEscapesText() {
        SvgCanvas canvas = new SvgCanvas(400, 300);
        canvas.text(0, 0, "a<b & \"c\"", 10, 0, Canvas.Anchor.START, false, false);
        assertTrue(canvas.document().contains(">a&lt;b &amp; &quot;c&quot;</text>"));
    }

    @Test
    void thePngHasTheRequestedSizeAndTheSeriesColour() throws Exception {
        RasterCanvas canvas = new RasterCanvas(800, 500);
        ChartPainter.paint(canvas, List.of(chart(false, new double[] {1.0, 0.5, 0.25, 0.2})));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        canvas.writePng(bytes);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        int seriesPixels = 0;
        int swapPixels = 0;
        for (int y = 0; y < 500; y++) {
            for (int x = 0; x < 800; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                seriesPixels += near(rgb, 0x0072B2) ? 1 : 0;
                swapPixels += near(rgb, 0x7B3294) ? 1 : 0;
            }
        }
        assertTrue(seriesPixels > 200, "the curve is drawn in its colour: " + seriesPixels + " pixels");
        assertTrue(swapPixels > 100, "the swap line is drawn: " + swapPixels + " pixels");
    }

    /** Within 24 per channel: antialiased edges blend a line's colour with the white around it. */
    private static boolean near(int rgb, int color) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xFF) - ((color >> shift) & 0xFF)) > 24) {
                return false;
            }
        }
        return true;
    }

    @Test
    void ticksAreRoundNumbers() {
        AxisScale linear = AxisScale.covering(new double[][] {{0.37, 1.93}}, false, 0, 100);
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0), linear.ticks());
        AxisScale log = AxisScale.covering(new double[][] {{3e-4, 250}}, true, 0, 100);
        assertEquals(List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0), log.ticks());
        assertEquals("1e-4", log.label(1e-4));
        assertEquals("0.25", linear.label(0.25));
    }

    @Test
    void wholeNumbersGetWholeTicks() {
        // three epochs: ticks 1, 2, 3, not 1, 1.5, 2, 2.5, 3
        assertEquals(List.of(1.0, 2.0, 3.0), AxisScale.covering(new double[][] {{1, 2, 3}}, false, 0, 100).ticks());
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0), AxisScale.covering(new double[][] {{1, 12}}, false, 0, 100).ticks());
        // fractions keep fractional ticks
        assertEquals(List.of(1.0, 1.5, 2.0, 2.5, 3.0), AxisScale.covering(new double[][] {{1, 2.5, 3}}, false, 0, 100).ticks());
    }

    @Test
    void aLegendThatWouldHideCurvesInEveryCornerStandsBesideThePlot() {
        // 14 flat curves at levels spread over the whole height: every corner has some
        double[] xs = {1, 2, 3};
        List<Series> many = new java.util.ArrayList<>();
        for (int i = 0; i < 14; i++) {
            double level = i * 10.0 / 13;
            many.add(new Series("variant-" + i + " test loss", xs, new double[] {level, level, level}, ChartPainter.PALETTE[i % 7],
                    false, false));
        }
        SvgCanvas canvas = new SvgCanvas(900, 400);
        ChartPainter.paint(canvas, List.of(new Chart("t", "epoch", "loss", false, many, List.of())));
        String svg = canvas.document();
        double[] box = legendBox(svg);
        double rightmostCurve = 0;
        for (Series s : many) {
            for (double[] piece : pointsX(svg, s.name())) {
                for (double x : piece) {
                    rightmostCurve = Math.max(rightmostCurve, x);
                }
            }
        }
        assertTrue(box[0] > rightmostCurve, "legend at x=" + box[0] + " right of every curve (which end at " + rightmostCurve + ")");
        assertTrue(rightmostCurve > 450, "the plot keeps over half the width: " + rightmostCurve);
    }

    private static List<double[]> pointsX(String svg, String series) {
        Matcher m = POINTS.matcher(svg);
        List<double[]> pieces = new java.util.ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(series)) {
                String[] pairs = m.group(2).split(" ");
                double[] x = new double[pairs.length];
                for (int i = 0; i < pairs.length; i++) {
                    x[i] = Double.parseDouble(pairs[i].split(",")[0]);
                }
                pieces.add(x);
            }
        }
        return pieces;
    }

    /** The legend box: the only rectangle with a grey border. */
    private static double[] legendBox(String svg) {
        Matcher m = Pattern.compile("<rect x=\"([0-9.]+)\" y=\"([0-9.]+)\"[^>]*stroke=\"#BBBBBB\"").matcher(svg);
        assertTrue(m.find(), svg);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    @Test
    void theLegendGoesWhereItHidesNoCurve() {
        // falling loss: the top right is free
        SvgCanvas falling = new SvgCanvas(800, 500);
        ChartPainter.paint(falling, List.of(chart(false, new double[] {1.0, 0.5, 0.25, 0.2})));
        double[] topRight = legendBox(falling.document());
        assertTrue(topRight[0] > 400 && topRight[1] < 100, java.util.Arrays.toString(topRight));
        // a curve that rises to the top and stays there: the legend moves to the bottom right
        SvgCanvas rising = new SvgCanvas(800, 500);
        ChartPainter.paint(rising, List.of(chart(false, new double[] {1, 1, 1, 9.5, 9.5, 9.5, 9.5})));
        double[] moved = legendBox(rising.document());
        assertTrue(moved[0] > 400 && moved[1] > 300, "bottom right: " + java.util.Arrays.toString(moved));
    }
}
