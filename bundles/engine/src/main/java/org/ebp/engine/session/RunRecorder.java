package org.ebp.engine.session;

import java.io.IOException;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.runs.RunFolder;
import org.ebp.engine.runs.RunJournal;

/**
 * Keeps one run's record while it runs: a listener between the training loop and the caller's
 * listener that appends every finished epoch and every note to the run's journal, and takes the
 * session's history events (swaps, refusals, pauses). A record that cannot be written never
 * stops the training: the first failure is said once and recording ends.
 */
final class RunRecorder implements TrainingListener {

    private final TrainingListener downstream;
    private final LongSupplier step;
    private final IntSupplier epoch;
    private final long startNanos = System.nanoTime();
    private volatile RunJournal journal;
    private volatile String lastNote;

    private RunRecorder(TrainingListener downstream, RunJournal journal, LongSupplier step, IntSupplier epoch) {
        this.downstream = downstream;
        this.journal = journal;
        this.step = step;
        this.epoch = epoch;
    }

    /**
     * Starts a run's record in {@code folder} (none when null). Never throws: when the record
     * cannot be started the listener hears why and the run goes on unrecorded.
     */
    static RunRecorder start(RunFolder folder, String group, Map<String, String> configuration, Map<String, Long> seeds,
                             TrainingListener downstream, LongSupplier step, IntSupplier epoch) {
        RunJournal journal = null;
        if (folder != null) {
            try {
                journal = folder.begin(group, System.currentTimeMillis(), configuration, seeds);
            } catch (IOException | RuntimeException e) {
                org.ebp.engine.training.Listeners.notify(downstream, "this run is not recorded: " + e.getMessage());
            }
        }
        return new RunRecorder(downstream, journal, step, epoch);
    }

    /** The run's id, or null when it is not recorded. */
    String id() {
        RunJournal j = journal;
        return j == null ? null : j.id();
    }

    @Override
    public void epochFinished(EpochReport report) {
        RunJournal j = journal;
        if (j != null) {
            try {
                j.epoch(report);
            } catch (IOException e) {
                failed(e);
            }
        }
        downstream.epochFinished(report);
    }

    @Override
    public void message(String text) {
        lastNote = text;
        event(new SessionEvent(step.getAsLong(), epoch.getAsInt(), "note", text, System.currentTimeMillis()));
        downstream.message(text);
    }

    /** In-epoch progress is not recorded; it passes through to the caller's progress line. */
    @Override
    public void stepProgress(org.ebp.api.session.StepProgress progress) {
        downstream.stepProgress(progress);
    }

    /** A history event (swap, refusal, pause, resume, stop, ...) of this run. */
    void event(SessionEvent event) {
        RunJournal j = journal;
        if (j != null) {
            try {
                j.event(event);
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    /** The last note the loop sent (why a run ended early), or null. */
    String lastNote() {
        return lastNote;
    }

    /** Writes the end line and tells the listener where the record is. */
    void end(String outcome, int epochs, long steps) {
        RunJournal j = journal;
        if (j == null) {
            return;
        }
        try {
            j.end(outcome, epochs, steps, (System.nanoTime() - startNanos) / 1e9);
            org.ebp.engine.training.Listeners.notify(downstream, "recorded as run " + j.id() + " (runs show " + j.id() + ")");
        } catch (IOException e) {
            failed(e);
        }
    }

    private void failed(IOException e) {
        RunJournal j = journal;
        journal = null;
        if (j != null) {
            org.ebp.engine.training.Listeners.notify(downstream, "run " + j.id() + " is no longer recorded: " + e.getMessage());
        }
    }
}
