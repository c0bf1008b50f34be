package org.ebp.api.experiments;

/**
 * How to run a study.
 *
 * @param seeds    runs per configuration, with seeds 1..N for the initial weights and the example order
 *                 (the split stays the recipe's, so every configuration sees the same data)
 * @param target   the error (1 - accuracy; the loss for regression) whose first epoch is reported; NaN for none
 * @param parallel runs at once on this machine (each single-threaded when more than one)
 * @param group    the run records' group of the study's runs
 */
public record StudyPlan(int seeds, double target, int parallel, String group) {

    public StudyPlan {
        if (seeds < 1 || parallel < 1) {
            throw new IllegalArgumentException("seeds and parallel must be at least 1, got seeds=" + seeds
                    + " parallel=" + parallel);
        }
    }
}
