package org.ebp.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.io.Excerpt;
import org.ebp.io.MemoryBudget;

/**
 * Reads a delimited text file of numeric features and one label column into a classification
 * {@link Dataset}.
 *
 * <p>Format: one example per line; fields separated by one delimiter character; a field may be
 * enclosed in double quotes (a doubled quote inside stands for one quote), but may not span
 * lines; blank lines are skipped; spaces around fields are ignored. Every feature value must be a
 * finite number within the float range (features are stored as float32). The file may be
 * gzipped.
 *
 * <p>Labels: when every label is a non-negative integer, the integer is the class index and the
 * classes are "0" .. max (the same rule as IDX files, so a test file that lacks a class still
 * numbers the others like its training file). Otherwise each distinct text is a class, numbered
 * in the order of first appearance.
 *
 * <p>Errors name the file, the line (1-based) and the column (0-based, as in the {@code label}
 * setting). Nothing is returned unless the whole file is valid.
 */
final class CsvReader {

    /** Whether the first row holds column names. */
    enum HeaderMode {
        /** The first row is a header when one of its feature fields is not a number. */
        AUTO,
        TRUE,
        FALSE
    }

    /** Where the label column is. */
    sealed interface LabelColumn permits Last, First, Index, Named {
    }

    record Last() implements LabelColumn {
    }

    record First() implements LabelColumn {
    }

    record Index(int column) implements LabelColumn {
    }

    record Named(String column) implements LabelColumn {
    }

    /**
     * @param label     where the labels are
     * @param header    header handling
     * @param delimiter field separator; a space separator also treats runs of spaces as one
     */
    record Options(LabelColumn label, HeaderMode header, char delimiter) {
    }

    /**
     * Integer class labels above this are almost surely a wrong label column (a measurement, an
     * id): they would make that many output units.
     */
    static final int MAX_INTEGER_CLASS = 100_000;

    private static final Pattern NON_NEGATIVE_INTEGER = Pattern.compile("[0-9]{1,9}");

    private CsvReader() {
    }

    /** Reads {@code file}; the dataset is named after the file without its extension. */
    static Dataset read(Path file, Options options) throws DataFormatException {
        DataFiles.requireFile(file, "CSV file");
        try (InputStream in = DataFiles.openBytes(file)) {
            return read(DataFiles.baseName(file, ".csv", ".tsv", ".txt"), file.toString(),
                    new BoundedLines(DataFiles.utf8Reader(in), file.toString()), options);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file + " is not UTF-8 text; is it really a CSV file?", e);
        } catch (ZipException | EOFException e) {
            throw new DataFormatException(file + " is a damaged gzip file (" + e.getMessage() + ")", e);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads lines from {@code lines}.
     *
     * @param name   the dataset's name
     * @param source the file name used in messages
     */
    static Dataset read(String name, String source, BoundedLines lines, Options options) throws IOException {
        char delimiter = options.delimiter();
        CsvRows rowsOfFile = new CsvRows(source, lines, delimiter);
        // The first non-blank line fixes the column count and may be a header.
        List<String> first = rowsOfFile.first();
        int firstLineNo = rowsOfFile.firstLineNo();
        int width = first.size();
        if (width < 2) {
            throw new DataFormatException(source + ", line " + firstLineNo + ": only one column; a CSV dataset needs at"
                    + " least one feature column and a label column" + (delimiter == ',' ? " (is the delimiter not ','? set delimiter=...)" : ""));
        }

        int labelCol = labelColumn(options, first, source, firstLineNo);
        boolean header = switch (options.header()) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> options.label() instanceof Named || hasNonNumericFeature(first, labelCol);
        };
        rowsOfFile.header(header);
        List<String> featureNames = new ArrayList<>();
        if (header) {
            for (int j = 0; j < width; j++) {
                if (j != labelCol) {
                    featureNames.add(first.get(j));
                }
            }
        }

        int featureCount = width - 1;
        float[] x = new float[featureCount * 1024];
        int[] codes = new int[1024];
        int rows = 0;
        Map<String, Integer> labelCodes = new LinkedHashMap<>();
        for (List<String> row = rowsOfFile.next(); row != null; row = rowsOfFile.next()) {
            int rowLineNo = rowsOfFile.lineNo();
            if (rows == codes.length) {
                int grown = Math.max(rows + 1, (int) Math.min(Integer.MAX_VALUE - 8L, rows * 3L / 2));
                codes = Arrays.copyOf(codes, grown);
                long xLength = (long) grown * featureCount;
                if (xLength > Integer.MAX_VALUE - 8L) {
                    throw new DataFormatException(source + ": more than " + (Integer.MAX_VALUE - 8L) + " feature values; too large for one dataset");
                }
                requireMemory(source, rows, xLength * Float.BYTES + grown * (long) Integer.BYTES);
                x = Arrays.copyOf(x, (int) xLength);
            }
            int base = rows * featureCount;
            for (int j = 0, f = 0; j < width; j++) {
                if (j == labelCol) {
                    continue;
                }
                x[base + f++] = parseFeature(row.get(j), source, rowLineNo, j, header ? first.get(j) : null);
            }
            String label = row.get(labelCol);
            if (label.isEmpty()) {
                throw new DataFormatException(source + ", line " + rowLineNo + ": the label (column " + labelCol + ", 0-based) is empty");
            }
            Integer code = labelCodes.get(label);
            if (code == null) {
                code = labelCodes.size();
                labelCodes.put(label, code);
            }
            codes[rows++] = code;
        }
        if (rows == 0) {
            throw new DataFormatException(source + " has a header row but no data rows");
        }

        requireMemory(source, rows, (long) rows * featureCount * Float.BYTES + rows * (long) Integer.BYTES);
        int[] labels = Arrays.copyOf(codes, rows);
        List<String> classNames = classNames(labelCodes, labels, source, labelCol);
        return Dataset.classification(name, Arrays.copyOf(x, rows * featureCount), rows, featureCount, labels,
                classNames, featureNames);
    }

    /** The arrays grow with the rows read, so the check comes as the data arrive, not from a header. */
    private static void requireMemory(String source, int rows, long bytes) {
        MemoryBudget.require(bytes, "loading " + source + " (" + rows + " rows so far)", "a smaller file");
    }

    /**
     * Turns label texts into classes: integer labels are their own class index (relabelling
     * {@code labels} in place); other texts keep their order of first appearance.
     */
    private static List<String> classNames(Map<String, Integer> labelCodes, int[] labels, String source, int labelCol)
            throws DataFormatException {
        boolean integers = labelCodes.keySet().stream().allMatch(t -> NON_NEGATIVE_INTEGER.matcher(t).matches());
        if (!integers) {
            refuseRealNumberLabels(labelCodes.keySet(), source, labelCol);
            return List.copyOf(labelCodes.keySet());
        }
        int[] valueOfCode = new int[labelCodes.size()];
        int max = 0;
        for (Map.Entry<String, Integer> e : labelCodes.entrySet()) {
            int v = Integer.parseInt(e.getKey());
            valueOfCode[e.getValue()] = v;
            max = Math.max(max, v);
        }
        if (max > MAX_INTEGER_CLASS) {
            throw new DataFormatException(source + ": the label column (" + labelCol + ", 0-based) holds integers up to " + max
                    + ", which would make " + (max + 1L) + " classes; is it the right column? Set label=...");
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = valueOfCode[labels[i]];
        }
        List<String> names = new ArrayList<>(max + 1);
        for (int k = 0; k <= max; k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }

    /**
     * Labels that are all numbers, some with a fraction (sin.csv's -0.14112), are a regression
     * target read as classes: one class per value. Refused, naming targets=.
     */
    private static void refuseRealNumberLabels(java.util.Set<String> labels, String source, int labelCol)
            throws DataFormatException {
        String fractional = null;
        for (String label : labels) {
            double v;
            try {
                v = Double.parseDouble(label);
            } catch (NumberFormatException e) {
                return; // a name: classes are names
            }
            if (!Double.isFinite(v)) {
                return;
            }
            if (fractional == null && v != Math.rint(v)) {
                fractional = label;
            }
        }
        if (fractional != null) {
            throw new DataFormatException(source + ": the label column (" + labelCol + ", 0-based) holds real numbers such as "
                    + Excerpt.of(fractional) + " (" + labels.size() + " distinct values), which would each be a class; for "
                    + "regression give targets=1 (the last column) or targets=NAME; class labels are integers or names");
        }
    }

    private static int labelColumn(Options options, List<String> first, String source, int lineNo) throws DataFormatException {
        int width = first.size();
        LabelColumn label = options.label();
        if (label instanceof Last) {
            return width - 1;
        }
        if (label instanceof First) {
            return 0;
        }
        if (label instanceof Index index) {
            if (index.column() >= width) {
                throw new DataFormatException(source + ", line " + lineNo + ": label column " + index.column()
                        + " does not exist; rows have " + width + " fields (columns 0.." + (width - 1) + ")");
            }
            return index.column();
        }
        String wanted = ((Named) label).column();
        if (options.header() == HeaderMode.FALSE) {
            throw new DataFormatException(source + ": label=" + wanted + " names a column, but header=false says the file"
                    + " has no column names; give the label column's 0-based index instead, or header=auto");
        }
        int found = first.indexOf(wanted);
        if (found < 0) {
            throw new DataFormatException(source + ", line " + lineNo + ": label column '" + wanted
                    + "' does not exist; the header has " + Excerpt.of(first.toString()));
        }
        return found;
    }

    private static boolean hasNonNumericFeature(List<String> row, int labelCol) {
        for (int j = 0; j < row.size(); j++) {
            String f = row.get(j);
            // An empty field is a missing value in a data row, not a column name: it is reported as such later.
            if (j != labelCol && !f.isEmpty() && !isNumber(f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static float parseFeature(String text, String source, int lineNo, int column, String columnName)
            throws DataFormatException {
        String where = source + ", line " + lineNo + ", column " + column + " (0-based"
                + (columnName == null ? "" : ", '" + Excerpt.of(columnName) + "'") + "): ";
        if (text.isEmpty()) {
            throw new DataFormatException(where + "empty value; missing values are not supported, fill or drop that row");
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new DataFormatException(where + "'" + Excerpt.of(text) + "' is not a number");
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new DataFormatException(where + "'" + Excerpt.of(text) + "' is not a finite number; fill or drop that row");
        }
        if (Math.abs(v) > Float.MAX_VALUE) {
            throw new DataFormatException(where + "'" + Excerpt.of(text) + "' is outside the float range (about 3.4e38) in which features are stored");
        }
        return (float) v;
    }

    /**
     * Splits one line into trimmed fields, honouring double quotes. A space delimiter treats a
     * run of spaces as one separator, as whitespace-aligned tables need.
     */
    static void split(String line, char delimiter, List<String> out, String source, int lineNo) throws DataFormatException {
        boolean collapse = delimiter == ' ';
        if (collapse) {
            line = line.strip();
        }
        int n = line.length();
        int i = 0;
        while (true) {
            while (i < n && line.charAt(i) == ' ' && delimiter != ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DataFormatException(source + ", line " + lineNo + ": a quoted field is not closed"
                                + " (quoted fields may not span lines)");
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                while (i < n && line.charAt(i) == ' ' && delimiter != ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new DataFormatException(source + ", line " + lineNo + ": unexpected '" + line.charAt(i)
                            + "' after a closing quote");
                }
                out.add(field.toString());
            } else {
                int end = line.indexOf(delimiter, i);
                if (end < 0) {
                    end = n;
                }
                out.add(line.substring(i, end).strip());
                i = end;
            }
            if (i >= n) {
                return;
            }
            i++; // past the delimiter
            if (collapse) {
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
            }
            if (i == n) {
                out.add(""); // a trailing delimiter ends with an empty field
                return;
            }
        }
    }
}
