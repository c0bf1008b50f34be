package org.ebp.engine.training;

import org.ebp.api.session.StepProgress;
import org.ebp.api.session.TrainingListener;

/**
 * The in-epoch figures of a progress line: steps of steps, examples per second, ETA and the running
 * loss. Sends them to the listener at most every {@link #INTERVAL_NANOS}, so the cost per step is one
 * clock read; keeps the latest for {@code status}.
 */
final class StepProgressMeter {

    /** Five updates a second are enough for a line a person reads. */
    static final long INTERVAL_NANOS = 200_000_000L;

    private long lastSent;
    private volatile StepProgress latest;

    /** A new epoch: nothing to show until its first update. */
    void begin(long now) {
        lastSent = now;
        latest = null;
    }

    /**
     * After a step; sends an update when the interval has passed.
     *
     * @param examplesDone training examples of this epoch done so far
     */
    void stepDone(TrainingListener listener, int epoch, long stepInEpoch, long stepsInEpoch, long step,
                  long examplesDone, long examplesInEpoch, double lossSum, long lossCount, long started, long now) {
        if (now - lastSent < INTERVAL_NANOS) {
            return;
        }
        lastSent = now;
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? examplesDone / seconds : Double.NaN;
        double left = rate > 0 ? (examplesInEpoch - examplesDone) / rate : Double.NaN;
        StepProgress p = new StepProgress(epoch, stepInEpoch, stepsInEpoch, step, rate, left,
                lossCount == 0 ? Double.NaN : lossSum / lossCount);
        latest = p;
        try {
            listener.stepProgress(p);
        } catch (RuntimeException e) {
            // a faulty listener must not break the run
        }
    }

    /** The epoch has ended (or the run): no in-epoch figures any more. */
    void end() {
        latest = null;
    }

    /** The latest update of the running epoch, or null. */
    StepProgress latest() {
        return latest;
    }
}
