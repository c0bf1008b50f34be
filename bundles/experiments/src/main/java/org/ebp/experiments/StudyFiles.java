package org.ebp.experiments;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.StudyRow;
import org.ebp.api.session.EpochReport;
import org.ebp.api.plots.CurveCharts;
import org.ebp.io.SafeFiles;

/** A study's table as aligned text, Markdown, CSV and JSON (format {@code ebp-study}, version 1, with every run's curve). */
final class StudyFiles {

    static final String FORMAT = "ebp-study";
    static final int VERSION = 1;

    private StudyFiles() {
    }

    /** Aligned columns for the shell, with a heading line and a footer on how it ran. */
    static List<String> text(StudyReport report) {
        List<String[]> cells = StudyTables.cells(report);
        int[] widths = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(report.study().title());
        for (String[] row : cells) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                b.append(c == 0 ? "" : "  ").append(c == row.length - 1 ? row[c] : pad(row[c], widths[c]));
            }
            lines.add(b.toString().stripTrailing());
        }
        lines.add(footer(report));
        report.study().notes().forEach(n -> lines.add("skipped " + n));
        return lines;
    }

    static String footer(StudyReport report) {
        return String.format(Locale.ROOT, "%d of %d runs (%d seed%s each), %d at once, %.1f s wall%s; group %s",
                report.runsDone(), report.runsTotal(), report.plan().seeds(), report.plan().seeds() == 1 ? "" : "s",
                report.parallel(), report.wallSeconds(), report.stopped() ? "; STOPPED before the end" : "",
                report.plan().group());
    }

    static String markdown(StudyReport report) {
        StringBuilder b = new StringBuilder("# ").append(report.study().title()).append("\n\n");
        List<String[]> cells = StudyTables.cells(report);
        for (int i = 0; i < cells.size(); i++) {
            b.append("| ").append(String.join(" | ", escape(cells.get(i)))).append(" |\n");
            if (i == 0) {
                b.append("|").append("---|".repeat(cells.get(0).length)).append('\n');
            }
        }
        b.append('\n').append(footer(report)).append(".\n");
        for (String note : report.study().notes()) {
            b.append("\nSkipped ").append(note).append('.');
        }
        return b.append('\n').toString();
    }

    static String csv(StudyReport report) {
        StringBuilder b = new StringBuilder("label,change,runs,train_" + report.metric() + ",train_sd,test_" + report.metric()
                + ",test_sd,epochs_to_target,reached,wall_seconds,failed\n");
        for (StudyRow r : report.rows()) {
            b.append(quote(r.trial().label())).append(',').append(quote(r.trial().change())).append(',').append(r.runs());
            for (double v : new double[] {r.trainError(), r.trainSpread(), r.testError(), r.testSpread(), r.epochsToTarget()}) {
                b.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
            }
            b.append(',').append(r.reached()).append(',').append(Double.isNaN(r.wallSeconds()) ? "" : Double.toString(r.wallSeconds()))
                    .append(',').append(r.failures().size()).append('\n');
        }
        return b.toString();
    }

    static String json(StudyReport report) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        o.addProperty("kind", report.study().kind());
        o.addProperty("title", report.study().title());
        o.addProperty("group", report.plan().group());
        o.addProperty("metric", report.metric());
        o.addProperty("seeds", report.plan().seeds());
        if (!Double.isNaN(report.plan().target())) {
            o.addProperty("target", report.plan().target());
        }
        o.addProperty("parallel", report.parallel());
        o.addProperty("runsDone", report.runsDone());
        o.addProperty("runsTotal", report.runsTotal());
        o.addProperty("wallSeconds", report.wallSeconds());
        o.addProperty("stopped", report.stopped());
        JsonArray rows = new JsonArray();
        for (StudyRow r : report.rows()) {
            JsonObject row = new JsonObject();
            row.addProperty("label", r.trial().label());
            row.addProperty("change", r.trial().change());
            row.addProperty("runs", r.runs());
            number(row, "trainError", r.trainError());
            number(row, "trainSpread", r.trainSpread());
            number(row, "testError", r.testError());
            number(row, "testSpread", r.testSpread());
            number(row, "epochsToTarget", r.epochsToTarget());
            row.addProperty("reached", r.reached());
            row.addProperty("wallSeconds", r.wallSeconds());
            JsonArray curves = new JsonArray();
            for (List<EpochReport> curve : r.curves()) {
                JsonArray epochs = new JsonArray();
                for (EpochReport e : curve) {
                    JsonObject ep = new JsonObject();
                    ep.addProperty("epoch", e.epoch());
                    number(ep, "trainLoss", e.trainLoss());
                    number(ep, "evalLoss", e.evalLoss());
                    number(ep, "evalAccuracy", e.evalAccuracy());
                    epochs.add(ep);
                }
                curves.add(epochs);
            }
            row.add("curves", curves);
            JsonArray failed = new JsonArray();
            r.failures().forEach(failed::add);
            row.add("failures", failed);
            rows.add(row);
        }
        o.add("rows", rows);
        JsonArray notes = new JsonArray();
        report.study().notes().forEach(notes::add);
        o.add("skipped", notes);
        return new GsonBuilder().create().toJson(o) + "\n";
    }

    /**
     * Writes base.md, base.csv, base.json and, with a chart service (the plots bundle), base.svg and
     * base.png (the curves); each is checked before any is written. A PNG Java cannot draw here
     * (no fonts) is left out; the SVG needs none.
     */
    static List<Path> save(StudyReport report, Path base, CurveCharts charts) throws IOException {
        String name = base.getFileName().toString();
        List<Path> tables = List.of(base.resolveSibling(name + ".md"), base.resolveSibling(name + ".csv"),
                base.resolveSibling(name + ".json"));
        List<Path> figures = charts == null ? List.of()
                : List.of(base.resolveSibling(name + ".svg"), base.resolveSibling(name + ".png"));
        for (Path f : tables) {
            SafeFiles.checkWritable(f);
        }
        for (Path f : figures) {
            SafeFiles.checkWritable(f);
        }
        SafeFiles.writeString(tables.get(0), markdown(report));
        SafeFiles.writeString(tables.get(1), csv(report));
        SafeFiles.writeString(tables.get(2), json(report));
        List<Path> written = new ArrayList<>(tables);
        for (Path f : figures) {
            try {
                written.add(charts.write(f, curves(report), CHART_WIDTH, CHART_HEIGHT));
            } catch (IllegalStateException cannotDraw) {
                // headless Java without fonts draws no PNG; the tables and the SVG are what matter
            }
        }
        return written;
    }

    static final int CHART_WIDTH = 900;
    static final int CHART_HEIGHT = 700;

    /** Seed 1 of every row by label (the same seeds in every row, so the curves compare the configurations). */
    static Map<String, List<EpochReport>> curves(StudyReport report) {
        Map<String, List<EpochReport>> runs = new LinkedHashMap<>();
        for (StudyRow r : report.rows()) {
            if (!r.curves().isEmpty()) {
                runs.put(r.trial().label(), r.curves().get(0));
            }
        }
        return runs;
    }

    private static void number(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        }
    }

    private static String[] escape(String[] cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i].replace("|", "\\|");
        }
        return out;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
