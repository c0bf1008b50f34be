package org.ebp.engine.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.ebp.api.data.Dataset;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.api.optim.Sampler;
import org.ebp.api.optim.Schedule;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.TrainingListener;

/**
 * The training loop, run on the session's training thread one epoch at a time. It holds the
 * session's fair lock for one optimizer step at a time and passes the session's step boundary
 * (swaps, pause, stop) before every step, so every other call runs between two steps.
 *
 * <p>It owns the training progress, the component states, the training objective and the copy
 * of the weights an epoch restores when it fails; the session reads them under its lock.
 */
public final class EpochLoop {

    /** An epoch's report (null when it failed or was stopped before it began) and whether the run stops. */
    public record Outcome(EpochReport report, boolean stop) {
    }

    private final ReentrantLock lock;
    private final TrainingHost host;
    private final TrainingProgress progress = new TrainingProgress();
    private final ComponentStates states = new ComponentStates();
    private final StepProgressMeter meter = new StepProgressMeter();
    /** The weights at the start of the running epoch, restored when the epoch fails. */
    private double[] epochStartWeights;
    private BatchObjective objective;
    private int[] trainingLabels;
    /** The running train call's divergence check, made at its first epoch; null between runs. */
    private DivergenceGuard guard;
    private final FloatPath floatPath = new FloatPath();
    private final DoubleStepPool doublePool = new DoubleStepPool();
    private final ScheduleClock clock = new ScheduleClock();

    public EpochLoop(ReentrantLock lock, TrainingHost host) {
        this.lock = lock;
        this.host = host;
    }

    /** The training progress; read and restarted under the session's lock. */
    public TrainingProgress progress() {
        return progress;
    }

    /** The optimizer, schedule and sampler states; read and replaced under the session's lock. */
    public ComponentStates states() {
        return states;
    }

    /** The running epoch's in-epoch progress, or null between epochs. */
    public org.ebp.api.session.StepProgress stepProgress() {
        return meter.latest();
    }

    /**
     * The network, its components or the training set changed: the next step builds a new
     * objective (same weights, new forward pass). Lock held.
     */
    public void forgetObjective() {
        objective = null;
        trainingLabels = null;
    }

    /** A train call starts: its first epoch measures the loss that the divergence check starts from. Lock held. */
    public void startRun() {
        guard = null;
        clock.newRun();
    }

    /**
     * Brings the session's float64 weights up to date with the float32 working copy; the session
     * calls it before it reads the weights (evaluation, a copy, a snapshot). Lock held.
     */
    public void publishWeights() {
        double[] weights = host.weights();
        if (weights != null) {
            floatPath.publish(weights);
        }
    }

    /** The session replaced the weights (a new or restored network): the float copy is dropped unread. Lock held. */
    public void weightsReplaced() {
        floatPath.forget();
    }

    /**
     * Runs one epoch: plans it with the sampler, then takes the lock for one optimizer step at a
     * time, so other calls (and swaps) happen between steps. A failing step restores the epoch's
     * start.
     *
     * @param beforeEpoch called under the lock before the epoch's first boundary (the session asks
     *                    its registry check there)
     */
    public Outcome run(TrainingRun run, TrainingListener listener, Runnable beforeEpoch) {
        Epoch epoch;
        lock.lock();
        try {
            beforeEpoch.run();
            if (!host.passBoundary(listener)) {
                return new Outcome(null, true);
            }
            epoch = begin(run);
        } finally {
            lock.unlock();
        }
        List<String> notes = new ArrayList<>(2);
        meter.begin(epoch.started);
        try {
            for (int from = 0; from < epoch.order.length && !epoch.stop && epoch.failure == null; from += epoch.batch) {
                int count = Math.min(epoch.batch, epoch.order.length - from);
                lock.lock();
                try {
                    if (!host.passBoundary(listener)) {
                        notes.add("training stopped at step " + progress.step() + " in epoch " + epoch.number + " (stop requested)");
                        epoch.stop = true;
                        break;
                    }
                    step(epoch, from, count, notes);
                } catch (RuntimeException e) {
                    restore(epoch);
                    throw new IllegalStateException("training stopped in epoch " + epoch.number + ": " + e.getMessage()
                            + "; weights restored to the start of epoch " + epoch.number, e);
                } finally {
                    lock.unlock();
                }
                Listeners.deliver(listener, notes);
                // Outside the lock: the in-epoch progress line (epoch, step of steps, rate, ETA, running loss).
                meter.stepDone(listener, epoch.number, from / epoch.batch + 1, epoch.stepsPerEpoch, progress.step(), from + count,
                        epoch.order.length, epoch.lossSum, epoch.lossCount, epoch.started, System.nanoTime());
            }
        } finally {
            meter.end();
            lock.lock();
            try {
                floatPath.releasePool(); // before the evaluation, which uses the pool
                doublePool.release();
            } finally {
                lock.unlock();
            }
        }
        EpochReport report = epoch.failure == null ? finish(run, epoch) : null;
        Listeners.deliver(listener, notes);
        if (epoch.failure != null) {
            // the weights are restored; the train call fails so that a script stops with a non-zero exit
            throw new TrainingFailedException(epoch.failure);
        }
        return new Outcome(report, epoch.stop);
    }

    /** Plans an epoch and makes missing component states; lock held. */
    private Epoch begin(TrainingRun run) {
        long started = System.nanoTime();
        int number = progress.epoch() + 1;
        Dataset trainingSet = host.trainingSet();
        BatchObjective epochObjective = trainingObjective(trainingSet);
        if (guard == null) {
            guard = new DivergenceGuard(run.diverge(), trainingSet.size(), startLoss(epochObjective, trainingSet.size()));
        }
        Choice<Sampler> smp = host.sampler();
        Sampler.Context context = new Sampler.Context(trainingSet.size(),
                trainingSet.hasLabels() ? trainingLabels : null, trainingSet.hasLabels() ? trainingSet.classCount() : 0,
                number, run.batch(), new SplittableRandom(Epoch.seed(run.seed(), number)));
        if (states.sampler() == null) {
            states.setSampler(smp.service().init(context, smp.settings()));
        }
        Choice<Optimizer> opt = host.optimizer();
        if (states.optimizer() == null) {
            states.setOptimizer(opt.service().init(host.network().layout(), opt.settings()));
        }
        if (states.schedule() == null) {
            states.setSchedule(host.schedule().service().init(host.schedule().settings()));
        }
        ComponentStates.Saved startStates = states.save();
        double[] weights = host.weights();
        floatPath.publish(weights);
        floatPath.masterChanged();
        if (epochStartWeights == null || epochStartWeights.length != weights.length) {
            epochStartWeights = new double[weights.length];
        }
        System.arraycopy(weights, 0, epochStartWeights, 0, weights.length);
        Sampler.EpochPlan plan = smp.service().plan(context, states.sampler(), smp.settings());
        int[] order = Epoch.checkedOrder(smp.name(), plan, trainingSet.size());
        int batch = Math.min(plan.batchSize(), order.length);
        boolean fullBatch = batch >= order.length && order.length >= trainingSet.size();
        Requirements requirements = opt.service().requirements(host.network().layout(), opt.settings());
        if (requirements.fullBatch() && !fullBatch) {
            throw new IllegalStateException("optimizer '" + opt.name() + "' needs the whole training set "
                    + "in every step but sampler '" + smp.name() + "' planned batches of " + plan.batchSize() + " from "
                    + order.length + " examples; use sampler shuffle with batch=" + trainingSet.size());
        }
        Epoch epoch = new Epoch(number, started, order, batch, fullBatch, smp, states.sampler(), progress.step(), startStates,
                epochObjective);
        clock.epochBegins(progress.step(), run.epochs(), epoch.stepsPerEpoch, states.schedule());
        return epoch;
    }

    /** One optimizer step on the examples {@code order[from, from + count)}; lock held. */
    private void step(Epoch epoch, int from, int count, List<String> notes) {
        if (objective != epoch.objective) {
            // the activation or the coding changed at this boundary: same weights, new forward pass
            epoch.objective = trainingObjective(host.trainingSet());
        }
        BatchObjective batch = epoch.objective;
        Choice<Optimizer> opt = host.optimizer();
        double[] weights = host.weights();
        boolean inFloat = FloatPath.applies(host.precision(), opt, host.network());
        boolean scheduleReads = opt.settings().has("lr") && host.schedule().service().readsWeights();
        if (!inFloat || scheduleReads) {
            // the double objective and weights are read: by the optimizer, or by the schedule
            floatPath.publish(weights);
            batch.setCompute(host.compute());
            batch.setBatch(epoch.order, from, count, epoch.fullBatch);
            batch.recordExampleLosses(epoch.batchExamples != null && !inFloat);
        }
        double rate = rate(epoch, opt, batch);
        double loss;
        StepResult result = null;
        double[] exampleLosses;
        if (inFloat) {
            loss = floatPath.step(batch, host.compute(), opt, states.optimizer(), weights, epoch.order, from, count, rate);
            exampleLosses = floatPath.exampleLosses();
        } else {
            doublePool.beforeStep(host.compute(), count);
            try {
                result = opt.service().step(weights, batch, states.optimizer(),
                        new StepContext(opt.settings(), rate, progress.step(), epoch.number, host.network().layout()));
            } finally {
                doublePool.afterStep();
            }
            floatPath.masterChanged();
            loss = result == null ? Double.NaN : result.loss();
            exampleLosses = batch.exampleLossesRecorded() ? batch.exampleLosses() : null;
        }
        progress.stepTaken();
        epoch.lastRate = rate;
        if (!stepHeld(epoch, from, count, rate, loss, !inFloat && result == null)) {
            return;
        }
        if (epoch.batchExamples != null && exampleLosses != null) {
            System.arraycopy(epoch.order, from, epoch.batchExamples, 0, count);
            epoch.sampler.observe(epoch.batchExamples, exampleLosses, count, epoch.samplerState, epoch.samplerSettings);
        }
        if (result != null) {
            notesOf(opt, result, notes, epoch);
        }
    }

    /**
     * Counts the step's loss into the epoch, or, when it is missing or not finite or the
     * divergence check says the run diverged, restores the epoch's start, records why and
     * returns false; lock held.
     */
    private boolean stepHeld(Epoch epoch, int from, int count, double rate, double loss, boolean missing) {
        if (missing || !Double.isFinite(loss)) {
            String what = missing ? "missing" : Double.isNaN(loss) ? "NaN" : "infinite";
            restore(epoch);
            epoch.failure = "training diverged: the loss became " + what + " at step " + (epoch.startStep + (from / epoch.batch) + 1)
                    + " (epoch " + epoch.number + ")" + restoredAndAdvice(epoch, rate);
            return false;
        }
        epoch.lossSum += loss * count;
        epoch.lossCount += count;
        DivergenceGuard.Verdict diverged = guard.stepLoss(loss, count);
        if (diverged != null) {
            long at = progress.step();
            restore(epoch);
            epoch.failure = diverged(diverged, "over the last " + diverged.examples() + " examples at step " + at
                    + " (epoch " + epoch.number + ")", epoch, rate);
            return false;
        }
        return true;
    }

    /** The optimizer's message and stop request as notes for the listener. */
    private void notesOf(Choice<Optimizer> opt, StepResult result, List<String> notes, Epoch epoch) {
        if (result.message() != null && !result.message().isBlank()) {
            notes.add(opt.name() + ": " + result.message());
        }
        if (result.stop()) {
            notes.add("optimizer '" + opt.name() + "' stopped training at step " + progress.step()
                    + (result.message() == null ? "" : ": " + result.message()));
            epoch.stop = true;
        }
    }

    /** The schedule's rate for this step, or NaN when the optimizer has no lr setting. */
    private double rate(Epoch epoch, Choice<Optimizer> opt, BatchObjective batch) {
        if (!opt.settings().has("lr")) {
            return Double.NaN;
        }
        Choice<Schedule> schedule = host.schedule();
        clock.beforeStep(progress.step(), states.schedule());
        double rate = schedule.service().rate(new Schedule.Context(opt.settings().getDouble("lr"), progress.step(), epoch.number,
                epoch.stepsPerEpoch, batch, host.weights(), clock.runStart(), clock.useStart(), clock.plannedSteps()),
                states.schedule(), schedule.settings());
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("schedule '" + schedule.name() + "' returned the rate "
                    + rate + " at step " + (progress.step() + 1) + "; check its settings (" + schedule.settings() + ")");
        }
        return rate;
    }

    /** Checks the weights, evaluates and reports the epoch; null (and a failure) when the weights are not finite. */
    private EpochReport finish(TrainingRun run, Epoch epoch) {
        lock.lock();
        try {
            floatPath.publish(host.weights());
            if (!allFinite(host.weights())) {
                restore(epoch);
                epoch.failure = "training diverged: the weights became non-finite in epoch " + epoch.number
                        + restoredAndAdvice(epoch, epoch.lastRate);
                return null;
            }
            if (epoch.lossCount > 0) {
                DivergenceGuard.Verdict diverged = guard.epochLoss(epoch.lossSum / epoch.lossCount, epoch.lossCount);
                if (diverged != null) {
                    restore(epoch);
                    epoch.failure = diverged(diverged, "over epoch " + epoch.number, epoch, epoch.lastRate);
                    return null;
                }
            }
            double evalLoss = Double.NaN;
            double evalAccuracy = Double.NaN;
            if (run.evalSplit() != null) {
                Evaluation e = host.evaluate(run.evalSplit());
                evalLoss = e.loss();
                evalAccuracy = e.accuracy();
            }
            EpochReport report = new EpochReport(epoch.number, progress.step(),
                    epoch.lossCount == 0 ? Double.NaN : epoch.lossSum / epoch.lossCount, run.evalSplit(), evalLoss, evalAccuracy,
                    epoch.lastRate, (System.nanoTime() - epoch.started) / 1e9);
            progress.epochFinished(report);
            return report;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The loss at the run's start on an evenly strided subset of up to {@link DivergenceGuard#WINDOW_EXAMPLES}
     * training examples (one forward pass over them), or NaN when it cannot be measured.
     */
    private double startLoss(BatchObjective batch, int size) {
        int count = Math.min(size, DivergenceGuard.WINDOW_EXAMPLES);
        int[] subset = new int[count];
        for (int i = 0; i < count; i++) {
            subset[i] = (int) ((long) i * size / count);
        }
        batch.setCompute(host.compute());
        batch.recordExampleLosses(false);
        batch.setBatch(subset, 0, count, count == size);
        return batch.value(host.weights());
    }

    private String diverged(DivergenceGuard.Verdict v, String where, Epoch epoch, double rate) {
        return "training diverged: the mean loss " + where + " is " + (float) v.mean() + ", more than "
                + guard.factorText() + " x the run's best " + (float) v.best() + " (train diverge="
                + guard.factorText() + ")" + restoredAndAdvice(epoch, rate);
    }

    /** Where the weights went back to and what to try, for every kind of divergence. */
    private String restoredAndAdvice(Epoch epoch, double rate) {
        return "; weights and optimizer, schedule and sampler states restored to the start of epoch " + epoch.number
                + " (step " + epoch.startStep + "); try a smaller rate" + (Double.isFinite(rate) ? " than " + (float) rate : "")
                + ", near 1/lambda_max (measure lambda_max with hessian eig)";
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private void restore(Epoch epoch) {
        double[] weights = host.weights();
        System.arraycopy(epochStartWeights, 0, weights, 0, weights.length);
        floatPath.masterChanged();
        progress.rewindTo(epoch.startStep);
        states.restore(epoch.startStates);
        clock.restored(states.schedule());
        // the optimizer may have been swapped during the epoch: let it adopt the restored state
        Choice<Optimizer> opt = host.optimizer();
        opt.service().adopt(states.optimizer(), host.network().layout(), opt.settings());
    }

    private BatchObjective trainingObjective(Dataset trainingSet) {
        if (objective == null || objective.network() != host.network() || objective.source().data() != trainingSet) {
            objective = host.newObjective(trainingSet);
            trainingLabels = trainingSet.hasLabels() ? trainingSet.labels() : null;
        }
        return objective;
    }
}
