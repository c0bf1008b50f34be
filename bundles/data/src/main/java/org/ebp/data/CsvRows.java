package org.ebp.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.ebp.api.data.DataFormatException;

/**
 * The rows of a delimited text file, as both CSV readers (classes and regression) see them: the
 * first non-blank line, which fixes the number of fields and may be a header, then every further
 * non-blank line split into fields and checked to have that number. Lines are bounded
 * ({@link BoundedLines}), so a file without line breaks is refused instead of read into one string.
 */
final class CsvRows {

    private final String source;
    private final BoundedLines lines;
    private final char delimiter;
    private final List<String> fields = new ArrayList<>();
    private List<String> first;
    private int firstLineNo;
    private int lineNo;
    private int rowLineNo;
    private boolean header;
    private boolean firstPending;

    CsvRows(String source, BoundedLines lines, char delimiter) {
        this.source = source;
        this.lines = lines;
        this.delimiter = delimiter;
    }

    /** Reads the first non-blank line (dropping a byte-order mark), or says the file is empty. */
    List<String> first() throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1); // byte-order mark written by some spreadsheet programs
            }
            if (!line.isBlank()) {
                first = new ArrayList<>();
                CsvReader.split(line, delimiter, first, source, lineNo);
                firstLineNo = lineNo;
                return first;
            }
        }
        throw new DataFormatException(source + " is empty");
    }

    int firstLineNo() {
        return firstLineNo;
    }

    /** Whether the first line is a header; when it is not, it is the first data row. Call once, after {@link #first}. */
    void header(boolean isHeader) {
        header = isHeader;
        firstPending = !isHeader;
    }

    /** The next data row (a list reused by the next call), or null at the end of the file. */
    List<String> next() throws IOException {
        List<String> row;
        if (firstPending) {
            firstPending = false;
            row = first;
            rowLineNo = firstLineNo;
        } else {
            String line;
            do {
                line = lines.readLine();
                if (line == null) {
                    return null;
                }
                lineNo++;
            } while (line.isBlank());
            fields.clear();
            CsvReader.split(line, delimiter, fields, source, lineNo);
            row = fields;
            rowLineNo = lineNo;
        }
        if (row.size() != first.size()) {
            throw new DataFormatException(source + ", line " + rowLineNo + ": expected " + first.size() + " fields, got "
                    + row.size() + " (every row must have as many fields as the " + (header ? "header" : "first row") + ")");
        }
        return row;
    }

    /** The line number of the row {@link #next} returned last. */
    int lineNo() {
        return rowLineNo;
    }
}
