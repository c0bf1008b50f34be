package org.ebp.engine.session;

import org.ebp.io.MemoryBudget;
import org.ebp.io.MemoryLimitException;

/**
 * The last line of defence behind the {@link MemoryBudget} checks: an {@link OutOfMemoryError}
 * that a session command still meets becomes a {@link MemoryLimitException} with one line for the
 * user. The commands guarded build their result before they change the session, so what failed to
 * build is garbage and the session is as it was.
 */
final class MemoryGuard {

    /** A command's work, which may throw its own checked exception. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private MemoryGuard() {
    }

    /**
     * @param what names the command for the message, e.g. "data load csv"
     * @param fix  what to do instead, e.g. "a smaller file"
     */
    static <T, E extends Exception> T run(String what, String fix, Work<T, E> work) throws E {
        try {
            return work.run();
        } catch (OutOfMemoryError e) {
            throw translate(what, fix, e);
        }
    }

    static MemoryLimitException translate(String what, String fix, OutOfMemoryError e) {
        return new MemoryLimitException(MemoryBudget.outOfMemory(what, fix), e);
    }
}
