package org.ebp.engine.session;

import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Splitter;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.HessianTools;
import org.ebp.api.session.SessionStatus;
import org.ebp.engine.training.EpochLoop;
import org.ebp.engine.training.TrainingProgress;
import org.ebp.engine.training.TrainingRun;

/**
 * What one session knows, shared by the classes a {@link Session} is made of: its data, network,
 * components, training loop and the facts its files and run records need. A holder with the few
 * operations every part needs; each part ({@link SessionDataOps}, {@link SessionRuns},
 * {@link SessionKeeping}, {@link SessionBoundary}) changes it only under {@link #lock}, and
 * computes into locals before it assigns a field, so a failure changes nothing.
 */
final class SessionState {

    final ComponentCatalog catalog;
    /** Activations configured with activation.KEY / output.KEY settings. */
    final ConfiguredActivations activations = new ConfiguredActivations();
    /** The splitter in use now, or null while none is installed (the data bundle is being updated). */
    final Supplier<Splitter> splitters;
    final ReentrantLock lock = new ReentrantLock(true);
    /** Signalled when a paused training may go on (resume, use, stop, close). */
    final Condition resumed = lock.newCondition();
    /** Registry changes, user pause and missing components, checked at every step boundary. */
    final TrainingGate gate = new TrainingGate();
    final RunHistory history = new RunHistory();
    /** The current network's epoch reports, for curves; read without the lock. */
    final EpochLog epochLog = new EpochLog();
    /** The spectrum computed last for the current network, or null; read without the lock. */
    volatile HessianTools.Spectrum latestSpectrum;

    // ---- everything below is guarded by lock ----
    SessionData data;
    final SessionModel model = new SessionModel();
    final ComponentChoices choices;
    /** The training loop; owns the training progress and the component states. */
    final EpochLoop loop;
    final TrainingProgress progress;
    final SessionBoundary boundary;

    long shuffleSeed = 1;
    /** Where run records go; null: runs are not recorded (plain unit tests). */
    org.ebp.engine.runs.RunFolder runFolder;
    /** What the data, the split and the network were made from, for run records. */
    RunConfiguration.DataOrigin dataOrigin;
    Map<String, String> splitRequest;
    /** The settings of the last train call, for experiment files. */
    Map<String, String> lastTrainSettings;
    /** The epochs the only train call of this network asked for, or 0 when it was trained by several calls. */
    int lastTrainEpochs;
    /** The net call that made the network (spec and settings as given), or null (none, or restored from a file). */
    org.ebp.engine.persist.Experiment.Step networkRequest;
    boolean training;
    /**
     * The last status built under the lock; {@link Session#status()} answers from it (with live
     * progress counters) while training holds the lock. Refreshed at every change a running
     * training sees: its start and end, every epoch, every swap.
     */
    volatile SessionStatus lastStatus;
    volatile boolean stopRequested;
    /** Why the session itself ended the run (an updated component refused its settings), or null for a user's stop. */
    volatile String stopReason;
    boolean closed;
    /** Batch setting and training-set size of the running train call, for checks during training. */
    int runBatch;
    int runTrainingSize;
    /** The settings of the latest train call, for checkpoints; null before the first. */
    TrainingRun lastRun;
    /** Run record id of the latest run (set by the run records), or null. */
    String runId;

    SessionState(ComponentCatalog catalog, Supplier<Splitter> splitters) {
        this.catalog = catalog;
        this.splitters = splitters;
        this.boundary = new SessionBoundary(this);
        // the host reads this state only when the loop calls it, after construction
        this.loop = new EpochLoop(lock, new SessionLoopHost(this));
        this.progress = loop.progress();
        this.choices = new ComponentChoices(catalog, loop.states());
        this.lastStatus = StatusReport.of("idle", null, model, choices, progress, shuffleSeed);
    }

    /** Builds the status and keeps it for status calls that find the lock busy. Lock held. */
    SessionStatus publishStatus() {
        String reason = training ? gate.pauseReason() : null;
        String state = !training ? "idle" : reason == null ? "training" : "paused (" + reason + ")";
        SessionStatus now = StatusReport.of(state, data, model, choices, progress, shuffleSeed);
        lastStatus = now;
        return now;
    }

    /** Loss and accuracy on a split with the newest weights. Lock held. */
    Evaluation evaluateLocked(String split) {
        loop.publishWeights();
        return model.evaluate(data, split, choices.compute);
    }

    /** The compute service for statistics, or null when none is installed (the stats then say so). */
    ComputeService computeOrNull() {
        try {
            return choices.resolveCompute();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Forgets the network: no network, progress at 0. Lock held. */
    void dropNetwork() {
        networkRequest = null;
        model.setup = null;
        model.network = null;
        model.outputLoss = null;
        model.coding = null;
        model.weights = null;
        resetProgress();
    }

    /** New weights or data: the optimizer, schedule and sampler start afresh, counters at 0. */
    void resetProgress() {
        model.reports.clear();
        loop.weightsReplaced();
        loop.states().forgetOptimizerAndSchedule();
        progress.restart(0, 0);
        epochLog.clear();
        latestSpectrum = null;
        forgetTrainingSet();
    }

    /** The training set, its labels or the network's components changed: rebuild the objectives. */
    void forgetTrainingSet() {
        loop.forgetObjective();
        loop.states().forgetSampler();
        model.evaluationObjectives.clear();
    }

    Splitter requireSplitter() {
        Splitter s = splitters.get();
        if (s == null) {
            throw new IllegalStateException("no splitter is installed (it comes with the bundle org.ebp.data, which is "
                    + "gone or being updated); install or start that bundle again, then split; the data is kept");
        }
        return s;
    }

    SessionData requireData() {
        if (data == null) {
            throw new IllegalStateException("no data loaded; load a dataset first, e.g. data load digits");
        }
        return data;
    }

    void requireNetwork(String what) {
        if (model.network == null) {
            throw new IllegalStateException("no network to " + what + "; create one first, e.g. net in-30-out, or model load FILE");
        }
    }

    void refuseWhileTraining(String what) {
        lock.lock();
        try {
            refuseWhileTrainingLocked(what);
        } finally {
            lock.unlock();
        }
    }

    void refuseWhileTrainingLocked(String what) {
        if (training) {
            throw new IllegalStateException("training is running; wait until it finishes before you " + what);
        }
        if (closed) {
            throw new IllegalStateException("this session is closed; start a new one");
        }
    }
}
