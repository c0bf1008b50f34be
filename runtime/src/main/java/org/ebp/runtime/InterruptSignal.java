package org.ebp.runtime;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The process's SIGINT handler at one moment, to put back later. JLine's terminal replaces it (an
 * interactive shell must survive Ctrl-C); a script run must not: there Ctrl-C ends the process
 * through the JVM's own handler (status 130, shutdown hooks run).
 */
final class InterruptSignal {

    private static final Signal INT = new Signal("INT");

    private final SignalHandler handler;

    private InterruptSignal(SignalHandler handler) {
        this.handler = handler;
    }

    /** The handler in place now. */
    static InterruptSignal current() {
        // Signal.handle returns the previous handler; put it straight back. Never SIG_IGN, not even for a
        // moment: once SIGINT is ignored at the OS level, the JVM refuses every later Java handler for it.
        SignalHandler previous = Signal.handle(INT, signal -> { });
        Signal.handle(INT, previous);
        return new InterruptSignal(previous);
    }

    /** Puts the recorded handler back. */
    void restore() {
        Signal.handle(INT, handler);
    }
}
