package org.ebp.engine.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.ebp.api.session.SessionEvent;

/**
 * A session's run history: runs, swaps, refusals, pauses and resumes with their step numbers.
 * Bounded, so a session that swaps components for days does not grow without limit; the oldest
 * entries go first. Thread-safe (events come from the session thread and from shell threads).
 */
final class RunHistory {

    /** Plenty for a transcript of a long session; an event is a few dozen bytes. */
    static final int CAPACITY = 10_000;

    private final ArrayDeque<SessionEvent> events = new ArrayDeque<>();
    /** Also hears every event while a run is recorded (its run record); null otherwise. */
    private java.util.function.Consumer<SessionEvent> follower;

    synchronized void add(long step, int epoch, String kind, String text) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
        }
        SessionEvent event = new SessionEvent(step, epoch, kind, text, System.currentTimeMillis());
        events.addLast(event);
        if (follower != null) {
            follower.accept(event);
        }
    }

    /** Sends every event from now on to {@code f} as well (null: to nobody). */
    synchronized void follow(java.util.function.Consumer<SessionEvent> f) {
        follower = f;
    }

    synchronized List<SessionEvent> events() {
        return List.copyOf(new ArrayList<>(events));
    }

    synchronized void clear() {
        events.clear();
    }
}
