package org.ebp.api.experiments;

import java.util.List;
import org.ebp.api.session.EpochReport;

/**
 * One configuration's results over its seeds.
 *
 * @param trainError     mean final training error (1 - accuracy; loss for regression)
 * @param trainSpread    its standard deviation over seeds (0 for one seed)
 * @param testError      mean final test error, NaN without a test split
 * @param testSpread     its standard deviation over seeds
 * @param epochsToTarget mean first epoch whose evaluated error is at most the target, over the seeds that
 *                       reached it; NaN when none did (or no target)
 * @param reached        seeds that reached the target
 * @param wallSeconds    mean wall time of one run
 * @param curves         every seed's epoch reports, seed 1 first
 * @param failures       "seed N: why" for every run of the configuration that failed (e.g. diverged)
 */
public record StudyRow(Trial trial, int runs, double trainError, double trainSpread, double testError,
                       double testSpread, double epochsToTarget, int reached, double wallSeconds,
                       List<List<EpochReport>> curves, List<String> failures) {

    public StudyRow {
        curves = curves.stream().map(List::copyOf).toList();
        failures = List.copyOf(failures);
    }
}
