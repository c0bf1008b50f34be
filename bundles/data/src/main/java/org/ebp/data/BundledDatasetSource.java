package org.ebp.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.component.Settings;

/**
 * A small classification set shipped inside this bundle (under {@code org/ebp/data/sets/}, see
 * LICENSE-DATA.md there), in scikit-learn's CSV layout: an optional header row
 * {@code rows,features,className0,className1,...}, then one row per example with the features and,
 * last, the class index. Sets without a header row give their class names here.
 *
 * <p>Takes no settings. Loading parses the resource each time (a few milliseconds), so no copy
 * lives in the bundle between loads.
 */
abstract class BundledDatasetSource implements DatasetSource {

    private final String name;
    private final String resource;
    private final String description;
    private final List<String> featureNames;
    private final List<String> classNamesWithoutHeader;

    /**
     * @param resource                file name under {@code sets/}
     * @param classNamesWithoutHeader class names when the file has no header row, else null
     */
    BundledDatasetSource(String name, String resource, String description, List<String> featureNames,
                         List<String> classNamesWithoutHeader) {
        this.name = name;
        this.resource = resource;
        this.description = description;
        this.featureNames = List.copyOf(featureNames);
        this.classNamesWithoutHeader = classNamesWithoutHeader == null ? null : List.copyOf(classNamesWithoutHeader);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Dataset load(Settings settings) throws DataFormatException {
        String source = "bundled set '" + name + "' (" + resource + ")";
        // Class.getResourceAsStream goes through the bundle's class loader, so it finds the file in
        // this bundle's jar under Felix as well as on a plain class path.
        InputStream raw = BundledDatasetSource.class.getResourceAsStream("sets/" + resource);
        if (raw == null) {
            throw new DataFormatException(source + " is missing from the org.ebp.data bundle; the bundle is damaged, reinstall it");
        }
        try (InputStream in = DataFiles.maybeGunzip(raw)) {
            return parse(source, DataFiles.utf8Lines(in));
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private Dataset parse(String source, BufferedReader lines) throws IOException {
        List<String> fields = new ArrayList<>();
        int lineNo = 0;
        int expectedRows = -1;
        List<String> classNames = classNamesWithoutHeader;
        int featureCount = featureNames.size();
        if (classNames == null) {
            String header = lines.readLine();
            lineNo++;
            if (header == null) {
                throw new DataFormatException(source + " is empty");
            }
            CsvReader.split(header, ',', fields, source, lineNo);
            if (fields.size() < 3) {
                throw new DataFormatException(source + ", line 1: header must be rows,features,classNames...");
            }
            try {
                expectedRows = Integer.parseInt(fields.get(0));
                if (Integer.parseInt(fields.get(1)) != featureCount) {
                    throw new DataFormatException(source + ", line 1: header says " + fields.get(1) + " features, expected " + featureCount);
                }
            } catch (NumberFormatException e) {
                throw new DataFormatException(source + ", line 1: header must start with the row and feature counts");
            }
            classNames = List.copyOf(fields.subList(2, fields.size()));
        }
        int classCount = classNames.size();
        int capacity = expectedRows > 0 ? expectedRows : 2048;
        float[] x = new float[capacity * featureCount];
        int[] labels = new int[capacity];
        int rows = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            fields.clear();
            CsvReader.split(line, ',', fields, source, lineNo);
            if (fields.size() != featureCount + 1) {
                throw new DataFormatException(source + ", line " + lineNo + ": expected " + (featureCount + 1) + " fields, got " + fields.size());
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, rows * 2);
                x = Arrays.copyOf(x, rows * 2 * featureCount);
            }
            try {
                for (int j = 0; j < featureCount; j++) {
                    x[rows * featureCount + j] = Float.parseFloat(fields.get(j));
                }
                labels[rows] = Integer.parseInt(fields.get(featureCount));
            } catch (NumberFormatException e) {
                throw new DataFormatException(source + ", line " + lineNo + ": not a number (" + e.getMessage() + ")");
            }
            if (labels[rows] < 0 || labels[rows] >= classCount) {
                throw new DataFormatException(source + ", line " + lineNo + ": class " + labels[rows] + " outside 0.." + (classCount - 1));
            }
            rows++;
        }
        if (expectedRows >= 0 && rows != expectedRows) {
            throw new DataFormatException(source + ": header announces " + expectedRows + " rows, found " + rows);
        }
        return Dataset.classification(name, Arrays.copyOf(x, rows * featureCount), rows, featureCount,
                Arrays.copyOf(labels, rows), classNames, featureNames);
    }
}
