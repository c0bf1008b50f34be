package org.ebp.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.io.MemoryBudget;

/**
 * Reads a regression set from a delimited text file: numeric features and K real-valued target
 * columns, given as {@code targets=K} (the last K columns) or {@code targets=NAME,NAME} (columns
 * named in the header). Same field rules as {@link CsvReader}: every value a finite float, no
 * missing values; errors name the file, line and column, and nothing is returned unless the
 * whole file is valid. With {@code targets=0} (the csv source's {@code label=none}) every column
 * is a feature and the set is {@link Dataset#unlabeled unlabeled}.
 */
final class CsvRegressionReader {

    private CsvRegressionReader() {
    }

    static Dataset read(Path file, String targets, CsvReader.HeaderMode header, char delimiter) throws DataFormatException {
        DataFiles.requireFile(file, "CSV file");
        try (InputStream in = DataFiles.openBytes(file)) {
            return read(DataFiles.baseName(file, ".csv", ".tsv", ".txt"), file.toString(),
                    new BoundedLines(DataFiles.utf8Reader(in), file.toString()), targets, header, delimiter);
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

    static Dataset read(String name, String source, BoundedLines lines, String targets, CsvReader.HeaderMode headerMode,
                        char delimiter) throws IOException {
        CsvRows rowsOfFile = new CsvRows(source, lines, delimiter);
        List<String> first = rowsOfFile.first();
        int width = first.size();
        boolean named = !targets.matches("[0-9]+");
        boolean header = switch (headerMode) {
            case TRUE -> true;
            case FALSE -> false;
            case AUTO -> named || first.stream().anyMatch(f -> !f.isEmpty() && !isNumber(f));
        };
        rowsOfFile.header(header);
        boolean[] isTarget = targetColumns(targets, named, header, first, source, width);
        int targetCount = 0;
        for (boolean t : isTarget) {
            targetCount += t ? 1 : 0;
        }
        int featureCount = width - targetCount;
        List<String> featureNames = new ArrayList<>();
        if (header) {
            for (int j = 0; j < width; j++) {
                if (!isTarget[j]) {
                    featureNames.add(first.get(j));
                }
            }
        }
        float[] x = new float[featureCount * 256];
        float[] y = new float[targetCount * 256];
        int rows = 0;
        for (List<String> row = rowsOfFile.next(); row != null; row = rowsOfFile.next()) {
            int rowLineNo = rowsOfFile.lineNo();
            if ((long) (rows + 1) * width > Integer.MAX_VALUE - 8L) {
                throw new DataFormatException(source + ": more than " + (Integer.MAX_VALUE - 8L) + " values; too large for one dataset");
            }
            if ((rows + 1) * featureCount > x.length || (rows + 1) * targetCount > y.length) {
                int grown = (int) Math.min((Integer.MAX_VALUE - 8L) / width, Math.max(rows + 1, rows * 3L / 2));
                // the arrays grow with the rows read, so the check comes as the data arrive
                MemoryBudget.require((long) grown * width * Float.BYTES, "loading " + source + " (" + rows + " rows so far)",
                        "a smaller file");
                x = Arrays.copyOf(x, grown * featureCount);
                y = Arrays.copyOf(y, grown * targetCount);
            }
            for (int j = 0, f = 0, t = 0; j < width; j++) {
                float v = CsvReader.parseFeature(row.get(j), source, rowLineNo, j, header ? first.get(j) : null);
                if (isTarget[j]) {
                    y[rows * targetCount + t++] = v;
                } else {
                    x[rows * featureCount + f++] = v;
                }
            }
            rows++;
        }
        if (rows == 0) {
            throw new DataFormatException(source + " has a header row but no data rows");
        }
        if (targetCount == 0) {
            return Dataset.unlabeled(name, Arrays.copyOf(x, rows * featureCount), rows, featureCount, featureNames);
        }
        return Dataset.regression(name, Arrays.copyOf(x, rows * featureCount), rows, featureCount,
                Arrays.copyOf(y, rows * targetCount), targetCount, featureNames);
    }

    private static boolean[] targetColumns(String targets, boolean named, boolean header, List<String> first, String source,
                                           int width) throws DataFormatException {
        boolean[] isTarget = new boolean[width];
        if (!named) {
            int k;
            try {
                k = Integer.parseInt(targets);
            } catch (NumberFormatException e) {
                k = -1;
            }
            if (k == 0 && targets.equals("0")) {
                return isTarget; // label=none: no target columns
            }
            if (k < 1 || k >= width) {
                throw new DataFormatException(source + ": targets=" + targets + " but rows have " + width + " columns; give "
                        + "1.." + (width - 1) + " (the last K columns are the targets) or the target columns' names");
            }
            Arrays.fill(isTarget, width - k, width, true);
            return isTarget;
        }
        if (!header) {
            throw new DataFormatException(source + ": targets=" + targets + " names columns, but header=false says the file "
                    + "has no column names; give the number of target columns (the last K) instead");
        }
        int count = 0;
        for (String wanted : targets.split(",")) {
            String w = wanted.trim();
            int found = first.indexOf(w);
            if (found < 0) {
                throw new DataFormatException(source + ": target column '" + w + "' does not exist; the header has "
                        + (first.toString().length() > 80 ? first.toString().substring(0, 77) + "..." : first));
            }
            if (isTarget[found]) {
                throw new DataFormatException(source + ": target column '" + w + "' is named twice");
            }
            isTarget[found] = true;
            count++;
        }
        if (count >= width) {
            throw new DataFormatException(source + ": every column is a target; at least one feature column must remain");
        }
        return isTarget;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
