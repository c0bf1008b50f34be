package org.ebp.api.experiments;

import java.util.List;

/**
 * A study's table.
 *
 * @param rows        ablation: the recipe first, then the variants by effect (largest change of the test error
 *                    first); sweep: best test error first
 * @param metric      {@code error} (classification) or {@code loss} (regression)
 * @param runsDone    runs that completed
 * @param runsTotal   runs the study had
 * @param wallSeconds wall time of the whole study
 * @param parallel    runs at once
 * @param stopped     true when it was stopped before every run ended (the rows hold the runs that did)
 */
public record StudyReport(Study study, StudyPlan plan, List<StudyRow> rows, String metric, int runsDone,
                          int runsTotal, double wallSeconds, int parallel, boolean stopped) {

    public StudyReport {
        rows = List.copyOf(rows);
    }

    /** The row with the lowest test error (training error without a test split), or null. */
    public StudyRow best() {
        StudyRow best = null;
        for (StudyRow r : rows) {
            double e = Double.isNaN(r.testError()) ? r.trainError() : r.testError();
            double b = best == null ? Double.NaN : Double.isNaN(best.testError()) ? best.trainError() : best.testError();
            if (!Double.isNaN(e) && (best == null || e < b)) {
                best = r;
            }
        }
        return best;
    }
}
