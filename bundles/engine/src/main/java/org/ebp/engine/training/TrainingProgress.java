package org.ebp.engine.training;

import org.ebp.api.session.EpochReport;

/**
 * How far a network has been trained: finished epochs, optimizer steps taken and the last
 * epoch's report. Written only by the training loop and by the session when it sets up or
 * restores a network; guarded by the session's lock. Volatile so that {@code status} can read them
 * without the lock while a step or an evaluation holds it.
 */
public final class TrainingProgress {

    private volatile int epoch;
    private volatile long step;
    private volatile EpochReport lastReport;

    public int epoch() {
        return epoch;
    }

    public long step() {
        return step;
    }

    /** The last finished epoch's report, or null. */
    public EpochReport lastReport() {
        return lastReport;
    }

    /** A new or restored network: {@code epoch} epochs and {@code step} steps done, no report yet. */
    public void restart(int epoch, long step) {
        this.epoch = epoch;
        this.step = step;
        this.lastReport = null;
    }

    void stepTaken() {
        step++;
    }

    /** A failed epoch rewinds the step counter to the epoch's start. */
    void rewindTo(long stepAtStart) {
        step = stepAtStart;
    }

    void epochFinished(EpochReport report) {
        epoch = report.epoch();
        lastReport = report;
    }
}
