package org.ebp.plots.figure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ebp.io.SafeFiles;
import org.ebp.plots.chart.Chart;
import org.ebp.plots.chart.ChartPainter;
import org.ebp.plots.chart.RasterCanvas;
import org.ebp.plots.chart.SvgCanvas;

/** Writes charts as a PNG or SVG file, chosen by the file's extension, through {@link SafeFiles}. */
public final class FigureFile {

    private FigureFile() {
    }

    /** The SVG document of the charts. */
    public static String svg(List<Chart> charts, int width, int height) {
        SvgCanvas canvas = new SvgCanvas(width, height);
        ChartPainter.paint(canvas, charts);
        return canvas.document();
    }

    /**
     * Writes {@code charts} to {@code file} (.png or .svg) atomically; refuses another extension,
     * and says what to install when Java cannot draw text (no fonts).
     *
     * @return the path written
     */
    public static Path write(Path file, List<Chart> charts, int width, int height) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            byte[] bytes = svg(charts, width, height).getBytes(StandardCharsets.UTF_8);
            return SafeFiles.write(file, out -> out.write(bytes));
        }
        if (!name.endsWith(".png")) {
            throw new IllegalArgumentException("cannot tell the format of '" + file.getFileName() + "'; name the file "
                    + "F.png or F.svg");
        }
        SafeFiles.checkWritable(file);
        RasterCanvas canvas;
        try {
            canvas = new RasterCanvas(width, height);
            ChartPainter.paint(canvas, charts);
        } catch (LinkageError | InternalError e) {
            // headless Java without fonts or fontconfig fails in its font manager
            throw new IllegalStateException("Java cannot draw text here (" + e.getClass().getSimpleName() + "); install "
                    + "a font, e.g. apt-get install fonts-dejavu-core, or write an .svg file instead");
        }
        RasterCanvas painted = canvas;
        return SafeFiles.write(file, painted::writePng);
    }
}
