package org.ebp.engine.training;

import java.util.List;
import org.ebp.api.session.TrainingListener;

/** Notes to a {@link TrainingListener}, delivered so that a faulty listener cannot break a run. */
public final class Listeners {

    private Listeners() {
    }

    /** Sends the notes to the listener and clears them. */
    public static void deliver(TrainingListener listener, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        for (String note : notes) {
            notify(listener, note);
        }
        notes.clear();
    }

    /** Sends one note; a faulty listener must not break the run. */
    public static void notify(TrainingListener listener, String note) {
        try {
            listener.message(note);
        } catch (RuntimeException e) {
            // a faulty listener must not break the run
        }
    }
}
