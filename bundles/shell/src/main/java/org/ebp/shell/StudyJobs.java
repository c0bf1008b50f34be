package org.ebp.shell;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The one {@code ablate} or {@code sweep} of this workbench, in the foreground of a shell or in the
 * background: {@code status} shows its progress, {@code stop} ends it, Ctrl-C ends it when it holds
 * the prompt, {@code wait} waits for a background one, and a second study is refused while it runs
 * (two studies would fight for the same cores, each believing it has them all).
 */
@Component(service = StudyJobs.class)
public class StudyJobs {

    /** One running study; its counters are written by the study's listener and read by status. */
    static final class Job {
        final String title;
        final boolean background;
        final BooleanSupplier stopper;
        final long startNanos = System.nanoTime();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile int done;
        volatile int total;
        volatile double etaSeconds = Double.NaN;
        volatile long etaNanos;
        volatile boolean stopAsked;

        Job(String title, int total, boolean background, BooleanSupplier stopper) {
            this.title = title;
            this.total = total;
            this.background = background;
            this.stopper = stopper;
        }

        /** After each run: the study listener's counts. */
        void progress(int runsDone, int runsTotal, double eta) {
            etaNanos = System.nanoTime();
            etaSeconds = eta;
            total = runsTotal;
            done = runsDone;
        }

        /** E.g. {@code ablate digits ...: 5 of 21 runs done, ETA 12 s, 8 s so far (background; stop ends it)}. */
        String line() {
            long now = System.nanoTime();
            double elapsed = (now - startNanos) / 1e9;
            // the estimate made when the last run ended, less the time gone by since
            double left = Math.max(0, etaSeconds - (now - etaNanos) / 1e9);
            String eta = done == 0 ? "ETA after the first run" : "ETA " + Text.duration(left);
            return String.format(Locale.ROOT, "%s: %d of %d runs done, %s, %s so far (%s)", title, done, total,
                    stopAsked ? "stopping at the runs' next step" : eta, Text.duration(elapsed),
                    background ? "background; stop ends it" : "foreground; stop or Ctrl-C there ends it");
        }
    }

    private final Object guard = new Object();
    /** The running study, or null; guarded by {@link #guard}. */
    private Job current;

    /**
     * Claims the workbench for a study.
     *
     * @param stopper asks the study's runs to stop (true when one was running)
     * @throws IllegalStateException in one line when a study is running already
     */
    Job begin(String title, int total, boolean background, BooleanSupplier stopper) {
        synchronized (guard) {
            if (current != null) {
                throw new IllegalStateException("a study is running already (" + current.line() + "); one study at a time: "
                        + "wait for it or stop it first");
            }
            current = new Job(title, total, background, stopper);
            return current;
        }
    }

    /** The study ended (its table is printed and saved): another may start. */
    void end(Job job) {
        synchronized (guard) {
            if (current == job) {
                current = null;
            }
        }
        job.ended.countDown();
    }

    /** {@code status}'s line about the running study, or null when there is none. */
    public String statusLine() {
        Job job = running();
        return job == null ? null : job.line();
    }

    /**
     * {@code stop}: asks the running study to stop (each run at its next step, runs not started are
     * dropped; the study prints and saves the table of what ended).
     *
     * @return the line to print, or null when no study is running
     */
    public String stop() {
        Job job = running();
        if (job == null) {
            return null;
        }
        job.stopAsked = true;
        job.stopper.getAsBoolean();
        return "stopping " + job.title + ": each run stops at its next step, the runs not started are dropped; the table "
                + "of the runs that ended prints " + (job.background ? "here" : "in the shell that started it")
                + " and is saved, marked STOPPED";
    }

    /** Ctrl-C at the console: stops a study that holds the prompt, never one in the background. */
    public boolean stopForeground() {
        Job job = running();
        if (job == null || job.background) {
            return false;
        }
        job.stopAsked = true;
        job.stopper.getAsBoolean();
        return true;
    }

    /** True while a study started with {@code background=true} has not ended. */
    public boolean backgroundRunning() {
        Job job = running();
        return job != null && job.background;
    }

    /**
     * {@code wait}: blocks until the background study has printed and saved its table, or until
     * {@code seconds} passed (null: no limit).
     *
     * @return false when it is still running after {@code seconds}
     */
    public boolean await(Long seconds) throws InterruptedException {
        Job job = running();
        if (job == null) {
            return true;
        }
        if (seconds == null) {
            job.ended.await();
            return true;
        }
        return job.ended.await(seconds, TimeUnit.SECONDS);
    }

    /**
     * The shell goes away (stopped, updated, the workbench exiting): a study it started ends cleanly,
     * and is given a moment to print and save its table while the bundles it needs are still there.
     */
    @Deactivate
    void deactivate() {
        Job job = running();
        if (job != null) {
            job.stopAsked = true;
            job.stopper.getAsBoolean();
            try {
                // the runs stop within a step; the bound only guards against a hung provider
                job.ended.await(SAVE_ON_EXIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How long the workbench's exit waits for a stopped study to save its table. */
    static final int SAVE_ON_EXIT_SECONDS = 20;

    private Job running() {
        synchronized (guard) {
            return current;
        }
    }
}
