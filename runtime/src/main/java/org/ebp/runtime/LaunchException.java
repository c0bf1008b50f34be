package org.ebp.runtime;

/**
 * A failure the user can fix (a bad option, an unknown feature, a missing jar or script, a workbench
 * that never became ready), carrying the process exit status it ends with. The message is printed
 * as one line, without a stack trace.
 */
public final class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Exit status for a wrong command line, an unknown feature, a missing bundle jar or script. */
    public static final int CONFIGURATION = 2;
    /** Exit status when the framework did not reach a usable state (a bundle failed, a service is missing). */
    public static final int NOT_READY = 3;

    private final int exitStatus;

    public LaunchException(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    public LaunchException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    /** The status the process exits with because of this failure. */
    public int exitStatus() {
        return exitStatus;
    }
}
