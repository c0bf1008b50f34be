package org.ebp.shell;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;

/**
 * What {@code predict FILE out=FILE.csv [settings]} asks for: the dataset source that reads FILE
 * (IDX for image files, else CSV) with its settings, the file to write, and whether to show the
 * confusion matrix.
 */
final class PredictCommand {

    static final List<ParameterSpec> SETTINGS = List.of(
            ParameterSpec.text("out", null, "the CSV file to write the predictions to (written atomically)"),
            ParameterSpec.choice("format", "auto", List.of("auto", "csv", "idx"),
                    "how FILE is read; auto: idx when its name says idx or ubyte, else csv"),
            ParameterSpec.text("labels", "", "IDX: the labels file that goes with the images, to score the predictions"),
            ParameterSpec.text("label", "auto", "CSV: the label column (last, first, an index, a name, none); auto: the "
                    + "last when the file has one column more than the network's inputs"),
            ParameterSpec.text("targets", "auto", "CSV, regression: the target columns (K or names); auto: the last K when "
                    + "the file has K columns more than the network's inputs"),
            ParameterSpec.choice("header", "auto", List.of("auto", "true", "false"), "CSV: the first row holds column names"),
            ParameterSpec.text("delimiter", ",", "CSV: the field separator (one character, or tab, space, semicolon)"),
            ParameterSpec.bool("detail", false, "with labels: the confusion matrix with per-class precision and recall"));

    private static final List<String> CSV_ONLY = List.of("label", "targets", "header", "delimiter");

    static final String USAGE = "usage: predict FILE out=FILE.csv [format=auto|csv|idx] [labels=FILE] [label=auto] "
            + "[targets=auto] [header=auto] [delimiter=,] [detail=false]";

    /**
     * @param source   the dataset source: csv or idx
     * @param settings its settings, file names absolute
     * @param out      the file to write, absolute
     */
    record Request(String source, Map<String, String> settings, Path out, boolean detail) {
    }

    private PredictCommand() {
    }

    static Request parse(CommandSession shell, String[] args) {
        if (args == null || args.length == 0 || args[0].isBlank() || args[0].contains("=")) {
            throw new IllegalArgumentException("predict needs the data file first, e.g. predict new.csv out=predictions.csv; "
                    + USAGE);
        }
        CommandSpec spec = KeepCommands.COMMANDS.stream().filter(c -> c.name().equals("predict")).findFirst().orElseThrow();
        LinkedHashMap<String, String> given = spec.settings(args, 1);
        Settings s = Settings.parse("predict", SETTINGS, given);
        String file = ShellPaths.resolve(shell, args[0]).toString();
        Path out = ShellPaths.resolve(shell, s.getString("out"));
        String format = s.getString("format");
        if (format.equals("auto")) {
            String name = Path.of(args[0]).getFileName().toString().toLowerCase(Locale.ROOT);
            format = name.contains("idx") || name.contains("ubyte") ? "idx" : "csv";
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (format.equals("idx")) {
            for (String key : CSV_ONLY) {
                if (given.containsKey(key)) {
                    throw new IllegalArgumentException("predict: " + key + "= is for CSV files, but " + args[0] + " is read as "
                            + "IDX images; give labels=FILE for their labels, or format=csv");
                }
            }
            settings.put("images", file);
            if (!s.getString("labels").isBlank()) {
                settings.put("labels", ShellPaths.resolve(shell, s.getString("labels")).toString());
            }
            return new Request("idx", settings, out, s.getBoolean("detail"));
        }
        if (given.containsKey("labels")) {
            throw new IllegalArgumentException("predict: labels= names the labels file of IDX images, but " + args[0]
                    + " is read as CSV; name its label column with label=, or give format=idx");
        }
        settings.put("path", file);
        for (String key : CSV_ONLY) {
            String v = given.get(key);
            boolean auto = (key.equals("label") || key.equals("targets")) && "auto".equals(v);
            if (v != null && !auto) {
                settings.put(key, v);
            }
        }
        return new Request("csv", settings, out, s.getBoolean("detail"));
    }
}
