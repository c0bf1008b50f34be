package org.ebp.shell;

import java.io.PrintStream;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Process;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.StepProgress;
import org.ebp.api.session.TrainingListener;

/**
 * What a foreground {@code train} prints: one line per epoch and note and, on a terminal, one
 * updating line inside the epoch (carriage return, clear to the end of the line). In scripts, pipes
 * and redirections there is no updating line and no control character.
 */
public final class ProgressLine implements TrainingListener {

    /** Set by the interactive console in its session (see ConsoleLoop). */
    public static final String INTERACTIVE_VARIABLE = "ebp.interactive";
    /**
     * The console's terminal as a PrintStream whose flush reaches the screen. Gogo hands the
     * terminal to a command through a channel, which has no flush: a line without a newline would
     * wait in JLine's buffer.
     */
    public static final String TERMINAL_VARIABLE = "ebp.terminal.out";
    /** ANSI: erase from the cursor to the end of the line. */
    private static final String CLEAR_TO_END = "\u001b[K";

    private final PrintStream out;
    private final boolean updating;
    private boolean shown;

    ProgressLine(PrintStream out, boolean updating) {
        this.out = out;
        this.updating = updating;
    }

    /**
     * The command's own output stream. The session's training thread calls the listener, and
     * {@code System.out} there is not the command's pipe (Gogo maps it per thread), so the stream is
     * taken in the command's thread: pipes, redirections and the terminal all get the lines live.
     */
    static PrintStream commandOutput(CommandSession session) {
        if (onTerminal(session) && session.get(TERMINAL_VARIABLE) instanceof PrintStream terminal) {
            return terminal;
        }
        Process process = Process.Utils.current();
        return process != null ? process.out() : System.out;
    }

    /** An updating line only in the interactive console, with the output going to its terminal. */
    static boolean onTerminal(CommandSession session) {
        if (session == null || !Boolean.TRUE.equals(session.get(INTERACTIVE_VARIABLE))) {
            return false;
        }
        Process process = Process.Utils.current();
        return process != null && process.isTty(1);
    }

    @Override
    public synchronized void stepProgress(StepProgress progress) {
        if (updating) {
            out.print("\r" + Text.stepProgress(progress) + CLEAR_TO_END);
            out.flush();
            shown = true;
        }
    }

    @Override
    public synchronized void epochFinished(EpochReport report) {
        line(Text.epoch(report));
    }

    @Override
    public synchronized void message(String text) {
        line(text);
    }

    /** Removes the updating line, if any, before the command's last words. */
    synchronized void done() {
        if (shown) {
            out.print("\r" + CLEAR_TO_END);
            out.flush();
            shown = false;
        }
    }

    private void line(String text) {
        done();
        out.println(text);
        out.flush();
    }
}
