package org.ebp.shell;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;

/** The text of {@code runs list}, {@code runs show}, {@code runs compare} and {@code runs export}. */
final class RunTables {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Keys every run has but that say nothing about what made it differ from another. */
    private static final Set<String> NOT_SETTINGS = Set.of("train.from-step");

    private RunTables() {
    }

    static String started(RunRecord r) {
        return STARTED.format(Instant.ofEpochMilli(r.startedMillis()));
    }

    /** One line per run: id, start, data, network, optimizer, epochs, final metrics, outcome. */
    static List<String> list(List<RunRecord> runs) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run", "started (UTC)", "group", "data", "network", "optimizer", "epochs", "train loss", "eval",
                "outcome"));
        for (RunRecord r : runs) {
            rows.add(List.of(r.id(), started(r), r.group() == null ? "-" : r.group(), orDash(r.setting("data.name")),
                    orDash(r.setting("net.spec")), component(r, "optimizer"), epochs(r),
                    r.lastEpoch() == null ? "-" : Text.number(r.lastEpoch().trainLoss()), evaluation(r.lastEpoch()),
                    outcome(r)));
        }
        return aligned(rows);
    }

    /** Everything a record holds: configuration, seeds, epochs, events, outcome, problems. */
    static List<String> show(RunRecord r) {
        List<String> out = new ArrayList<>();
        out.add("run " + r.id() + (r.group() == null ? "" : " (group " + r.group() + ")") + ", started " + started(r)
                + ", " + outcome(r) + (Double.isNaN(r.wallSeconds()) ? "" : String.format(Locale.ROOT, ", %.2f s", r.wallSeconds())));
        out.add("configuration:");
        r.configuration().forEach((k, v) -> out.add("  " + k + " = " + v));
        StringBuilder seeds = new StringBuilder("seeds:");
        r.seeds().forEach((k, v) -> seeds.append(' ').append(k).append('=').append(v));
        out.add(seeds.toString());
        out.add("epochs:" + (r.epochs().isEmpty() ? " none finished" : ""));
        for (EpochReport e : r.epochs()) {
            out.add("  " + Text.epoch(e));
        }
        if (!r.events().isEmpty()) {
            out.add("events:");
            for (SessionEvent e : r.events()) {
                out.add(String.format(Locale.ROOT, "  step %8d  %-8s %s", e.step(), e.kind(), e.text()));
            }
        }
        for (String p : r.problems()) {
            out.add("note: " + p);
        }
        return out;
    }

    /** A table of the settings that differ between the runs, then their final metrics. */
    static List<String> compare(List<RunRecord> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.configuration().keySet()));
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("setting"));
        runs.forEach(r -> head.add("run " + r.id()));
        rows.add(head);
        int same = 0;
        for (String key : keys) {
            if (NOT_SETTINGS.contains(key)) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            runs.forEach(r -> values.add(orDash(r.setting(key))));
            if (values.size() == 1) {
                same++;
                continue;
            }
            List<String> row = new ArrayList<>(List.of(key));
            runs.forEach(r -> row.add(orDash(r.setting(key))));
            rows.add(row);
        }
        int differing = rows.size() - 1;
        rows.add(metricRow("epochs", runs, RunTables::epochs));
        rows.add(metricRow("train loss", runs, r -> r.lastEpoch() == null ? "-" : Text.number(r.lastEpoch().trainLoss())));
        rows.add(metricRow("eval", runs, r -> evaluation(r.lastEpoch())));
        rows.add(metricRow("wall time", runs, r -> Double.isNaN(r.wallSeconds()) ? "-"
                : String.format(Locale.ROOT, "%.2f s", r.wallSeconds())));
        rows.add(metricRow("outcome", runs, RunTables::outcome));
        List<String> out = aligned(rows);
        out.add(differing == 0 ? "the runs have the same settings (" + same + " compared)"
                : differing + " setting" + (differing == 1 ? " differs" : "s differ") + "; " + same + " are the same");
        return out;
    }

    private static List<String> metricRow(String name, List<RunRecord> runs, java.util.function.Function<RunRecord, String> value) {
        List<String> row = new ArrayList<>(List.of(name));
        runs.forEach(r -> row.add(value.apply(r)));
        return row;
    }

    /**
     * CSV with one row per run (final metrics and every setting as a column), or with
     * {@code perEpoch} one row per epoch of every run.
     */
    static String csv(List<RunRecord> runs, boolean perEpoch) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.configuration().keySet()));
        StringBuilder b = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("run", "group", "started", "outcome", "wall_seconds"));
        head.addAll(List.of("epoch", "step", "train_loss", "eval_split", "eval_loss", "eval_accuracy", "learning_rate", "epoch_seconds"));
        head.addAll(keys);
        line(b, head);
        for (RunRecord r : runs) {
            List<EpochReport> epochs = perEpoch ? r.epochs() : r.lastEpoch() == null ? List.of() : List.of(r.lastEpoch());
            if (epochs.isEmpty()) {
                epochs = java.util.Collections.singletonList(null);
            }
            for (EpochReport e : epochs) {
                List<String> row = new ArrayList<>(List.of(r.id(), r.group() == null ? "" : r.group(), started(r),
                        r.outcome() == null ? "" : r.outcome(), csvNumber(r.wallSeconds())));
                if (e == null) {
                    row.addAll(List.of("", "", "", "", "", "", "", ""));
                } else {
                    row.addAll(List.of(Integer.toString(e.epoch()), Long.toString(e.step()), csvNumber(e.trainLoss()),
                            e.evalSplit() == null ? "" : e.evalSplit(), csvNumber(e.evalLoss()), csvNumber(e.evalAccuracy()),
                            csvNumber(e.learningRate()), csvNumber(e.seconds())));
                }
                for (String k : keys) {
                    String v = r.setting(k);
                    row.add(v == null ? "" : v);
                }
                line(b, row);
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append('\n');
    }

    /** Exact (round-trips the double), empty for NaN. */
    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String outcome(RunRecord r) {
        if (r.outcome() == null) {
            return "unfinished (no end line: still running, or the workbench stopped during it)";
        }
        return r.outcome();
    }

    private static String epochs(RunRecord r) {
        if (r.epochs().isEmpty()) {
            return "0";
        }
        int first = r.epochs().get(0).epoch();
        int last = r.lastEpoch().epoch();
        return first == last ? Integer.toString(last) : first + "-" + last;
    }

    private static String evaluation(EpochReport e) {
        if (e == null || e.evalSplit() == null) {
            return "-";
        }
        return e.evalSplit() + " loss " + Text.number(e.evalLoss())
                + (Double.isNaN(e.evalAccuracy()) ? "" : " acc " + Text.percent(e.evalAccuracy()));
    }

    private static String component(RunRecord r, String kind) {
        String name = r.setting(kind);
        if (name == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(name);
        r.configuration().forEach((k, v) -> {
            if (k.startsWith(kind + ".")) {
                b.append(' ').append(k.substring(kind.length() + 1)).append('=').append(v);
            }
        });
        return b.toString();
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** Columns padded to their widest cell, two spaces apart. */
    static List<String> aligned(List<List<String>> rows) {
        Map<Integer, Integer> widths = new LinkedHashMap<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths.merge(i, row.get(i).length(), Math::max);
            }
        }
        List<String> out = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                b.append(cell);
                if (i < row.size() - 1) {
                    b.append(" ".repeat(widths.get(i) - cell.length() + 2));
                }
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }
}
