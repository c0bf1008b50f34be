package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.training.EpochLoop;
import org.ebp.engine.training.Listeners;
import org.ebp.engine.training.TrainingRun;

/**
 * A session's training runs: each runs on the session's own daemon thread, epoch after epoch
 * through the {@link EpochLoop}, with its run record, checkpoints and early stopping at the epoch
 * boundaries; stop, pause and resume reach it between two steps.
 */
final class SessionRuns {

    private final SessionState state;
    private final String threadName;
    private final ExecutorService executor;

    SessionRuns(SessionState state, String threadName) {
        this.state = state;
        this.threadName = threadName;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Name of the thread training runs on. */
    String threadName() {
        return threadName;
    }

    /** Ends the training thread once the current run (told to stop) has ended. */
    void shutdown() {
        executor.shutdown();
    }

    List<EpochReport> train(int epochs, Map<String, String> settings, TrainingListener listener) {
        Future<List<EpochReport>> future = trainInBackground(epochs, settings, listener);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // the caller gave up waiting (Ctrl-C): stop at the next step boundary, then return
                    interrupted = true;
                    state.stopRequested = true;
                    state.lock.lock();
                    try {
                        state.resumed.signalAll();
                    } finally {
                        state.lock.unlock();
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof OutOfMemoryError oom) {
                throw MemoryGuard.translate("train", "a smaller network or batch, or lbfgs instead of a matrix method", oom);
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Future<List<EpochReport>> trainInBackground(int epochs, Map<String, String> settings, TrainingListener listener) {
        TrainingListener sink = listener == null ? report -> { } : listener;
        TrainingRunPlan.Prepared run;
        Map<String, String> trainSettings = new LinkedHashMap<>(Session.orEmpty(settings));
        CheckpointPlan checkpoints;
        state.lock.lock();
        try {
            if (state.closed) {
                throw new IllegalStateException("this session is closed; start a new one");
            }
            state.refuseWhileTrainingLocked("start another training run");
            checkpoints = CheckpointPlan.take(trainSettings);
            run = TrainingRunPlan.prepare(epochs, trainSettings, state.data, state.model, state.choices, state.boundary::refreshComponents);
            state.lastTrainSettings = new LinkedHashMap<>(Session.orEmpty(settings));
            // a network trained by one call: its experiment asks for what that call asked (e.g. 40 epochs, patience 3)
            state.lastTrainEpochs = state.progress.epoch() == 0 ? epochs : 0;
            state.training = true;
            // with training: a use between this call and the run's first step checks against this run's batch
            state.runBatch = run.run().batch();
            state.runTrainingSize = state.data.trainingSet().size();
            state.stopRequested = false;
            state.stopReason = null;
        } finally {
            state.lock.unlock();
        }
        Future<List<EpochReport>> future;
        try {
            future = executor.submit(() -> runTraining(run, checkpoints, sink));
        } catch (RejectedExecutionException e) {
            finishRun();
            throw new IllegalStateException("this session is closed; start a new one");
        }
        return future;
    }

    private List<EpochReport> runTraining(TrainingRunPlan.Prepared prepared, CheckpointPlan checkpoints, TrainingListener caller) {
        TrainingRun run = prepared.run();
        EarlyStopping early = prepared.stopping().active() ? new EarlyStopping(prepared.stopping()) : null;
        boolean stoppedEarly = false;
        String earlyNote = null;
        List<EpochReport> reports = new ArrayList<>();
        RunRecorder recorder = null;
        TrainingListener listener = caller;
        String failure = null;
        try {
            state.lock.lock();
            try {
                state.shuffleSeed = run.seed();
                recorder = startRecord(prepared, caller);
                state.runId = recorder.id(); // checkpoints of this run name its record
                listener = recorder;
                state.gate.reset();
                state.loop.startRun();
                state.history.add(state.progress.step(), state.progress.epoch(), "train", "train " + run.epochs() + " epoch" + (run.epochs() == 1 ? "" : "s")
                        + " batch=" + run.batch() + " with " + state.choices.currentOptimizer().describe());
                state.runBatch = run.batch();
                state.lastRun = run;
                state.runTrainingSize = state.data.trainingSet().size();
                if (!state.data.isSplit()) {
                    Listeners.notify(listener, "training on the whole set '" + state.data.base().name() + "' (it is not split; use split "
                            + "train=0.8 test=0.2 to hold out a test set)");
                }
            } finally {
                state.lock.unlock();
            }
            for (int i = 0; i < run.epochs(); i++) {
                // every epoch re-resolves its components by name, as before
                EpochLoop.Outcome outcome = state.loop.run(run, listener, () -> {
                    state.gate.requestCheck();
                    state.publishStatus();
                });
                if (outcome.report() != null) {
                    reports.add(outcome.report());
                    recordEpoch(outcome.report());
                    state.epochLog.add(outcome.report());
                    try {
                        listener.epochFinished(outcome.report());
                    } catch (RuntimeException e) {
                        // a faulty listener must not break the run
                    }
                    if (checkpoints != null && checkpoints.due(outcome.report(), i == run.epochs() - 1 || outcome.stop(), i + 1)) {
                        writeCheckpoint(checkpoints, outcome.report(), listener);
                    }
                    if (early != null && monitorEpoch(early, outcome.report())) {
                        stoppedEarly = true;
                        break;
                    }
                }
                if (outcome.stop()) {
                    break;
                }
            }
            if (early != null) {
                earlyNote = restoreBest(early, stoppedEarly, listener);
            }
            return reports;
        } catch (RuntimeException | Error e) {
            state.history.add(state.progress.step(), state.progress.epoch(), "finish", "run failed: " + e.getMessage());
            failure = "failed: " + e.getMessage();
            throw e;
        } finally {
            state.history.add(state.progress.step(), state.progress.epoch(), "finish", "run ended at epoch " + state.progress.epoch() + ", step " + state.progress.step());
            if (recorder != null) {
                endRecord(recorder, run, reports.size(), failure, stoppedEarly ? earlyNote : null);
            }
            finishRun();
        }
    }

    /** Early stopping after an epoch: takes the monitored loss; true when the run should stop. */
    private boolean monitorEpoch(EarlyStopping early, EpochReport report) {
        state.lock.lock();
        try {
            String monitor = early.rule().monitor();
            double loss = monitor.equals(report.evalSplit()) ? report.evalLoss()
                    : monitor.equals("train") ? report.trainLoss() : state.evaluateLocked(monitor).loss();
            return early.afterEpoch(report, loss, state.model.weights);
        } finally {
            state.lock.unlock();
        }
    }

    /** Puts the best epoch's weights back at the end of a run with early stopping, and says so. */
    private String restoreBest(EarlyStopping early, boolean stopped, TrainingListener listener) {
        String note;
        state.lock.lock();
        try {
            note = early.restoreBest(state.model.weights, state.progress.epoch(), stopped);
            if (note != null) {
                state.history.add(state.progress.step(), state.progress.epoch(), stopped ? "stop" : "note", note);
            }
        } finally {
            state.lock.unlock();
        }
        if (note != null) {
            Listeners.notify(listener, note);
        }
        return note;
    }

    /** Starts the run's record (lock held): its configuration, seeds and, from now on, its history events. */
    private RunRecorder startRecord(TrainingRunPlan.Prepared prepared, TrainingListener caller) {
        TrainingRun run = prepared.run();
        state.choices.resolveCompute();
        Map<String, String> configuration = RunConfiguration.of(state.dataOrigin, state.splitRequest, state.data, state.model, state.choices, state.progress, run);
        if (prepared.stopping().active()) {
            configuration.put("train.patience", Integer.toString(prepared.stopping().patience()));
            configuration.put("train.monitor", prepared.stopping().monitor());
        }
        RunRecorder recorder = RunRecorder.start(state.runFolder, run.group(), configuration,
                RunConfiguration.seeds(state.data, state.model, run.seed()), caller, state.progress::step, state.progress::epoch);
        state.history.follow(recorder::event);
        return recorder;
    }

    /** Ends the run's record with how the run ended. */
    private void endRecord(RunRecorder recorder, TrainingRun run, int epochsDone, String failure, String earlyStop) {
        state.history.follow(null);
        String outcome;
        if (failure != null) {
            outcome = failure;
        } else if (earlyStop != null) {
            outcome = "stopped early after " + epochsDone + " of " + run.epochs() + " epochs: " + earlyStop;
        } else if (epochsDone == run.epochs()) {
            outcome = "completed";
        } else if (state.stopReason != null) {
            outcome = "stopped after " + epochsDone + " of " + run.epochs() + " epochs: " + state.stopReason;
        } else if (state.stopRequested) {
            outcome = "stopped on request after " + epochsDone + " of " + run.epochs() + " epochs";
        } else {
            outcome = "ended after " + epochsDone + " of " + run.epochs() + " epochs"
                    + (recorder.lastNote() == null ? "" : ": " + recorder.lastNote());
        }
        recorder.end(outcome, state.progress.epoch(), state.progress.step());
    }

    /** Adds an epoch to the network's record (what a checkpoint carries). */
    private void recordEpoch(EpochReport report) {
        state.lock.lock();
        try {
            state.model.reports.add(report);
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * The checkpoint hook at an epoch boundary: the state is copied under the lock, the file is
     * written outside it. The best is judged on the validation split when there is one, else on
     * the run's evaluated split. A failed write is reported and training goes on.
     */
    private void writeCheckpoint(CheckpointPlan checkpoints, EpochReport report, TrainingListener listener) {
        org.ebp.engine.persist.CheckpointCodec.Checkpoint c;
        double monitored;
        String monitoredSplit;
        state.lock.lock();
        try {
            state.loop.publishWeights(); // the float32 path's weights, at this epoch boundary
            c = KeptModels.checkpoint(state.data, state.model, state.choices, state.progress, state.loop.states(), state.shuffleSeed, state.lastRun.batch(), state.lastRun.evalSplit(), state.runId);
            if (state.data.splits().containsKey("validation")) {
                monitoredSplit = "validation";
                monitored = "validation".equals(report.evalSplit()) ? report.evalLoss() : state.evaluateLocked("validation").loss();
            } else {
                monitoredSplit = report.evalSplit();
                monitored = report.evalSplit() == null ? Double.NaN : report.evalLoss();
            }
        } finally {
            state.lock.unlock();
        }
        try {
            Listeners.notify(listener, checkpoints.write(c, report.epoch(), monitored, monitoredSplit));
        } catch (java.io.IOException | RuntimeException e) {
            Listeners.notify(listener, "checkpoint of epoch " + report.epoch() + " not written: " + e.getMessage()
                    + "; training goes on");
        }
    }

    private void finishRun() {
        state.lock.lock();
        try {
            state.training = false;
            state.stopRequested = false;
            state.publishStatus();
        } finally {
            state.lock.unlock();
        }
    }

    /** Asks a running training to stop at the next step boundary; the epoch so far is reported. */
    boolean stop() {
        state.lock.lock();
        try {
            if (!state.training) {
                return false;
            }
            state.stopRequested = true;
            state.history.add(state.progress.step(), state.progress.epoch(), "stop", "stop requested at step " + state.progress.step());
            state.resumed.signalAll(); // a paused run stops too
            return true;
        } finally {
            state.lock.unlock();
        }
    }

    boolean pause() {
        state.lock.lock();
        try {
            if (!state.training) {
                return false;
            }
            state.gate.setUserPaused(true);
            return true;
        } finally {
            state.lock.unlock();
        }
    }

    String resume() {
        state.lock.lock();
        try {
            if (!state.training) {
                return "no training is running; start one with train";
            }
            state.gate.setUserPaused(false);
            state.gate.requestCheck();
            state.resumed.signalAll();
            String missing = state.gate.missing();
            return missing == null ? "resuming after step " + state.progress.step()
                    : "still paused: " + missing;
        } finally {
            state.lock.unlock();
        }
    }

}
