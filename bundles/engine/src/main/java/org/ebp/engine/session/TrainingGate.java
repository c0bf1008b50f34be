package org.ebp.engine.session;

import java.util.concurrent.atomic.AtomicBoolean;
import org.ebp.api.component.ComponentKind;
import org.ebp.engine.registry.CatalogListener;

/**
 * What a running training checks at every step boundary: whether the registry changed since the
 * last check, whether the user paused it, and whether a component it uses is missing.
 *
 * <p>The registry's listener only raises a flag, so a bundle coming or going never waits for a
 * step to end, and a step boundary with nothing to do costs a volatile read and no allocation.
 * The flag is taken atomically (get-and-clear), so no change can fall between a read and a clear. The pause fields are guarded by the session's lock.
 */
final class TrainingGate implements CatalogListener {

    private final AtomicBoolean catalogChanged = new AtomicBoolean();
    /** Set by {@link Session#pause()}; guarded by the session lock. */
    private boolean userPaused;
    /** Why training cannot go on (a component is gone), or null; guarded by the session lock. */
    private String missing;
    /** The pause reason already announced to the listener, so it is said once. */
    private String announced;
    /** The optimizer service in use when a missing component paused the run, or null. */
    private Object optimizerBeforePause;

    @Override
    public void componentChanged(ComponentKind kind, String name, boolean present) {
        catalogChanged.set(true);
    }

    /** Asks the next boundary to re-resolve the components (after {@code use} or a resume). */
    void requestCheck() {
        catalogChanged.set(true);
    }

    /** True once per registry change. */
    boolean takeCatalogChange() {
        return catalogChanged.get() && catalogChanged.getAndSet(false);
    }

    void setUserPaused(boolean paused) {
        userPaused = paused;
    }

    boolean userPaused() {
        return userPaused;
    }

    void setMissing(String reason) {
        missing = reason;
    }

    String missing() {
        return missing;
    }

    /** Why training waits, or null when it may step. A missing component outranks a user pause. */
    String pauseReason() {
        if (missing != null) {
            return missing;
        }
        return userPaused ? "paused by the user; resume to continue" : null;
    }

    /**
     * True when this reason has not been announced yet; remembers it. Reasons are compared up to
     * their first ';' ("no optimizer named 'adam'"), so the list of what is still available, which
     * shrinks while a bundle's components go one by one, does not announce the same pause again.
     */
    boolean announce(String reason) {
        String key = key(reason);
        if (key.equals(announced)) {
            return false;
        }
        announced = key;
        return true;
    }

    private static String key(String reason) {
        int end = reason.indexOf(';');
        return end < 0 ? reason : reason.substring(0, end);
    }

    /** True when a pause was announced and is now over; forgets it. */
    boolean endPause() {
        boolean was = announced != null;
        announced = null;
        return was;
    }

    Object optimizerBeforePause() {
        return optimizerBeforePause;
    }

    void setOptimizerBeforePause(Object service) {
        optimizerBeforePause = service;
    }

    /** A new run starts unpaused (a missing component is found again by the first check). */
    void reset() {
        userPaused = false;
        missing = null;
        announced = null;
        optimizerBeforePause = null;
        catalogChanged.set(true);
    }
}
