package org.ebp.runtime;

/**
 * Gogo commands the launcher itself provides (scope {@code launcher}). Gogo calls them by reflection,
 * so this class needs nothing from the Gogo API. gogo.shell 1.1.4 has no {@code exit}; this is it.
 */
public final class LauncherCommands {

    /** Service property value for {@code osgi.command.scope}. */
    static final String SCOPE = "launcher";
    /** Service property value for {@code osgi.command.function}. */
    static final String[] FUNCTIONS = {"exit"};

    private final Runnable onExit;
    private volatile Integer requestedExitStatus;

    /**
     * @param onExit what {@code exit} does besides recording the status (interactive mode: stop the
     *               framework; script mode: nothing, the script runner stops after the command)
     */
    LauncherCommands(Runnable onExit) {
        this.onExit = onExit;
    }

    /** Leaves the workbench with status 0. */
    public void exit() {
        exit(0);
    }

    /** Leaves the workbench with the given status. */
    public void exit(int status) {
        requestedExitStatus = status;
        onExit.run();
    }

    /** The status {@code exit} asked for, or null when it was not called. */
    Integer requestedExitStatus() {
        return requestedExitStatus;
    }
}
