package org.ebp.api.data;

import java.io.IOException;

/**
 * A data file cannot be read: the message names the file, the line or record, and the problem.
 * Nothing has been loaded when it is thrown.
 */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
