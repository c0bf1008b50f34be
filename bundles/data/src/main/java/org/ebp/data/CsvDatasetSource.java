package org.ebp.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.osgi.service.component.annotations.Component;

/**
 * Reads a classification set (or, with {@code targets}, a regression set) from a CSV file (see {@link CsvReader} for the format and the
 * label rules). Settings: {@code path} (required), {@code label} (last, first, a 0-based column
 * index or a header name), {@code header} (auto, true, false) and {@code delimiter}.
 */
@Component(service = DatasetSource.class, property = {"ebp.kind=dataset", "ebp.name=csv"})
public final class CsvDatasetSource implements DatasetSource {

    static final String NAME = "csv";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.text("path", null, "the CSV file (may be gzipped)"),
            ParameterSpec.text("label", "last", "label column: last, first, a 0-based column index, a header name, or none "
                    + "(every column a feature: new data for predict, which cannot be trained on)"),
            ParameterSpec.choice("header", "auto", List.of("auto", "true", "false"),
                    "first row holds column names; auto: when one of its feature fields is not a number"),
            ParameterSpec.text("delimiter", ",", "field separator: one character, or tab, space, semicolon"),
            ParameterSpec.text("targets", "", "regression: the number K of target columns (the last K) or their names "
                    + "separated by commas; every other column is a feature, and label is not used"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a CSV file: numeric features and one label column, or with targets=K real-valued target columns (regression)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Dataset load(Settings settings) throws DataFormatException {
        Path path = DataFiles.settingPath(NAME, "path", settings.getString("path"));
        String targets = settings.getString("targets").trim();
        if ("none".equalsIgnoreCase(settings.getString("label").trim())) {
            if (!targets.isEmpty()) {
                throw new InvalidSettingException("'" + NAME + "' settings label=none and targets=" + org.ebp.io.Excerpt.of(targets)
                        + " contradict each other; give one of them");
            }
            // no answer column: the regression reader with no targets reads every column as a feature
            return CsvRegressionReader.read(path, "0",
                    CsvReader.HeaderMode.valueOf(settings.getString("header").toUpperCase(Locale.ROOT)),
                    delimiter(settings.getString("delimiter")));
        }
        if (!targets.isEmpty()) {
            return CsvRegressionReader.read(path, targets,
                    CsvReader.HeaderMode.valueOf(settings.getString("header").toUpperCase(Locale.ROOT)),
                    delimiter(settings.getString("delimiter")));
        }
        CsvReader.Options options = new CsvReader.Options(
                label(settings.getString("label")),
                CsvReader.HeaderMode.valueOf(settings.getString("header").toUpperCase(Locale.ROOT)),
                delimiter(settings.getString("delimiter")));
        return CsvReader.read(path, options);
    }

    static CsvReader.LabelColumn label(String text) {
        String t = text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "last":
                return new CsvReader.Last();
            case "first":
                return new CsvReader.First();
            default:
                break;
        }
        if (t.isEmpty()) {
            throw new InvalidSettingException("'" + NAME + "' setting label is empty; use last, first, a 0-based column index or a header name");
        }
        if (t.matches("-?[0-9]+")) {
            int column;
            try {
                column = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                column = -1;
            }
            if (column < 0) {
                throw new InvalidSettingException("'" + NAME + "' setting label=" + t
                        + " is not a valid column index; give a 0-based index (0 is the first column), or last");
            }
            return new CsvReader.Index(column);
        }
        return new CsvReader.Named(t);
    }

    static char delimiter(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "tab":
            case "\\t":
            case "\t":
                return '\t';
            case "space":
            case " ":
                return ' ';
            case "semicolon":
                return ';';
            case "comma":
                return ',';
            default:
                break;
        }
        if (text.isEmpty()) {
            // Settings trims values, so a literal tab or space arrives empty.
            throw new InvalidSettingException("'" + NAME + "' setting delimiter is empty; for a tab or a space write delimiter=tab or delimiter=space");
        }
        if (text.length() != 1 || text.charAt(0) == '"') {
            throw new InvalidSettingException("'" + NAME + "' setting delimiter=" + text
                    + " must be one character other than '\"' (or tab, space, semicolon)");
        }
        return text.charAt(0);
    }
}
