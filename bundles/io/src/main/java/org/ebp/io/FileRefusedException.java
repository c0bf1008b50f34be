package org.ebp.io;

import java.io.IOException;

/**
 * A write that {@link SafeFiles} refused or could not finish; the message is one line for the user
 * that names the path, the problem and the fix. Nothing at the path was changed.
 */
public class FileRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    public FileRefusedException(String message) {
        super(message);
    }

    public FileRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
