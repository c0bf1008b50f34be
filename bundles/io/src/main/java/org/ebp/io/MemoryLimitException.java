package org.ebp.io;

/**
 * Something the workbench was asked to build would not fit in the Java heap; thrown before the
 * allocation, instead of an {@link OutOfMemoryError}. The message is one line for the user: what
 * needed the memory, how much, how much is available, and what to do.
 */
public class MemoryLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MemoryLimitException(String message) {
        super(message);
    }

    public MemoryLimitException(String message, Throwable cause) {
        super(message, cause);
    }
}
