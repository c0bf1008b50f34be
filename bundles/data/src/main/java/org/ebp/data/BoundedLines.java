package org.ebp.data;

import java.io.IOException;
import java.io.Reader;
import org.ebp.api.data.DataFormatException;

/**
 * Lines of a text file, each at most {@link #MAX_LINE_CHARS} characters: {@code BufferedReader.readLine}
 * would gather a whole 2 GB file without a line break (a sparse file, a binary blob) into one
 * string and run out of memory. Line ends are \n, \r\n or \r, as for {@code readLine}.
 */
final class BoundedLines {

    /**
     * Far more than any table row needs (100,000 numeric columns of 20 characters are 2 million),
     * small enough (32 MB of chars) to be read safely in the default heap.
     */
    static final int MAX_LINE_CHARS = 16 << 20;

    private final Reader in;
    private final String source;
    private final char[] buffer = new char[DataFiles.BUFFER_BYTES];
    private int position;
    private int limit;
    private int lineNo;
    private boolean skipLineFeed;

    BoundedLines(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The next line without its line end, or null at the end of the file. */
    String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line == null ? null : finish(line);
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (line == null) {
                line = new StringBuilder(Math.max(16, position - start));
            }
            if ((long) line.length() + (position - start) > MAX_LINE_CHARS) {
                throw new DataFormatException(source + ", line " + (lineNo + 1) + " is longer than " + MAX_LINE_CHARS
                        + " characters; is it really a text table (CSV)?");
            }
            line.append(buffer, start, position - start);
            if (position < limit) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                return finish(line);
            }
        }
    }

    private String finish(StringBuilder line) {
        lineNo++;
        return line.toString();
    }
}
