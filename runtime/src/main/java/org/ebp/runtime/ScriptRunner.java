package org.ebp.runtime;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs a script's commands in one Gogo session, the way a user would type them: echoes each as
 * {@code g! <command>}, prints its result, and stops at the first failure with a one-line message
 * {@code error: line N: <command>: <message>} on the error stream.
 */
final class ScriptRunner {

    /** Exit status of a script whose command failed. */
    static final int COMMAND_FAILED = 1;

    private final GogoSession session;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean debug;
    private final LauncherCommands launcherCommands;
    private final java.util.function.BooleanSupplier frameworkActive;

    ScriptRunner(GogoSession session, PrintStream out, PrintStream err, boolean debug, LauncherCommands launcherCommands) {
        this(session, out, err, debug, launcherCommands, () -> true);
    }

    /** @param frameworkActive false once the framework stops (SIGTERM, Ctrl-C): a command it cut off is not an error */
    ScriptRunner(GogoSession session, PrintStream out, PrintStream err, boolean debug, LauncherCommands launcherCommands,
                 java.util.function.BooleanSupplier frameworkActive) {
        this.frameworkActive = frameworkActive;
        this.session = session;
        this.out = out;
        this.err = err;
        this.debug = debug;
        this.launcherCommands = launcherCommands;
    }

    /** Runs the commands; returns 0 when all succeed, 1 at the first failure, or the status given to {@code exit}. */
    int run(List<ScriptCommand> commands) {
        for (ScriptCommand command : commands) {
            out.println("g! " + command.text());
            try {
                Object result = session.execute(command.text());
                session.printResult(result, out);
            } catch (Exception | LinkageError | AssertionError | OutOfMemoryError e) {
                // Errors such as NoClassDefFoundError come from a broken bundle, not the script, and an
                // OutOfMemoryError from a need no check foresaw; they still end the script with the
                // command named rather than a stack trace.
                out.flush();
                if (!frameworkActive.getAsBoolean()) {
                    // the workbench is stopping (e.g. a member's SIGTERM interrupted its cluster wait): not the script's fault
                    return COMMAND_FAILED;
                }
                err.println("error: line " + command.line() + ": " + firstLine(command.text()) + ": " + GogoSession.message(e));
                if (debug) {
                    GogoSession.unwrap(e).printStackTrace(err);
                }
                err.flush();
                return COMMAND_FAILED;
            }
            Integer exit = launcherCommands == null ? null : launcherCommands.requestedExitStatus();
            if (exit != null) {
                return exit;
            }
        }
        out.flush();
        return 0;
    }

    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }
}
