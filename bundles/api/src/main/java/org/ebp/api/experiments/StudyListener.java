package org.ebp.api.experiments;

import org.osgi.annotation.versioning.ConsumerType;

/** Progress of a study, called from its worker threads (one call at a time). */
@ConsumerType
public interface StudyListener {

    /**
     * One run ended.
     *
     * @param done       runs ended so far
     * @param total      runs in the study
     * @param etaSeconds estimated time to the end, from the mean run time so far and the runs at once
     */
    void runFinished(int done, int total, Trial trial, int seed, RecipeResult result, double etaSeconds);

    /** A one-line note. */
    default void message(String text) {
    }
}
