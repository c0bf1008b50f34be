package org.ebp.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives progress from a training session's thread. Must return quickly. */
@ConsumerType
public interface TrainingListener {

    void epochFinished(EpochReport report);

    /** A one-line note (a component swapped, a pause, a refused setting, ...). */
    default void message(String text) {
    }

    /**
     * Progress inside an epoch, a few times a second (for a progress line with an ETA).
     *
     * @since 1.2
     */
    default void stepProgress(StepProgress progress) {
    }
}
