package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
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
 * The training loop of one epoch, run on the session's training thread. It holds the session's
 * fair lock for one optimizer step at a time and passes the session's step boundary (swaps,
 * pause, stop) before every step, so every other call runs between two steps.
 */
final class EpochRunner {

    /** What the loop needs from its session; every method is called with the lock held. */
    interface Host {

        /** The session's data. */
        SessionData data();

        /** A step boundary: applies swaps and waits while paused; false when training must stop. */
        boolean passBoundary(TrainingListener listener);

        /** Evaluates the network on a split. */
        Evaluation evaluate(String split);
    }

    /** What one train call runs. */
    record Run(int epochs, int batch, String evalSplit, long seed) {
    }

    /** An epoch's report (null when it failed or was stopped before it began) and whether the run stops. */
    record Outcome(EpochReport report, boolean stop) {
    }

    private final ReentrantLock lock;
    private final TrainingGate gate;
    private final SessionModel model;
    private final ComponentChoices choices;
    private final Host host;

    EpochRunner(ReentrantLock lock, TrainingGate gate, SessionModel model, ComponentChoices choices, Host host) {
        this.lock = lock;
        this.gate = gate;
        this.model = model;
        this.choices = choices;
        this.host = host;
    }

    /** What an epoch restores when it fails: the session as it was at the epoch's start. */
    private record EpochStart(long step, State optimizerState, State scheduleState, State samplerState) {
    }

    /**
     * Runs one epoch: plans it with the sampler, then takes the lock for one optimizer step at a
     * time, so other calls (and swaps) happen between steps. A failing step restores the epoch's
     * start.
     */
    Outcome run(Run run, TrainingListener listener) {
        long started = System.nanoTime();
        int epochNumber;
        int[] order;
        int planBatch;
        boolean fullBatch;
        Sampler epochSampler;
        Settings epochSamplerSettings;
        State epochSamplerState;
        BatchObjective objective;
        EpochStart start;
        List<String> notes;
        lock.lock();
        try {
            gate.requestCheck(); // every epoch re-resolves its components by name, as before
            if (!host.passBoundary(listener)) {
                return new Outcome(null, true);
            }
            epochNumber = model.epoch + 1;
            notes = new ArrayList<>(0);
            Dataset trainingSet = host.data().trainingSet();
            objective = trainingObjective(trainingSet);
            Choice<Sampler> smp = choices.currentSampler();
            Sampler.Context context = new Sampler.Context(trainingSet.size(),
                    trainingSet.hasLabels() ? model.trainingLabels : null, trainingSet.hasLabels() ? trainingSet.classCount() : 0,
                    epochNumber, run.batch(), new SplittableRandom(epochSeed(run.seed(), epochNumber)));
            if (choices.samplerState == null) {
                choices.samplerState = smp.service().init(context, smp.settings());
            }
            if (choices.optimizerState == null) {
                choices.optimizerState = choices.currentOptimizer().service().init(model.network.layout(), choices.currentOptimizer().settings());
            }
            if (choices.scheduleState == null) {
                choices.scheduleState = choices.currentSchedule().service().init(choices.currentSchedule().settings());
            }
            start = new EpochStart(model.step, choices.optimizerState.copy(), choices.scheduleState.copy(), choices.samplerState.copy());
            System.arraycopy(model.weights, 0, model.epochStartWeights, 0, model.weights.length);
            Sampler.EpochPlan plan = smp.service().plan(context, choices.samplerState, smp.settings());
            order = checkedOrder(smp.name(), plan, trainingSet.size());
            planBatch = Math.min(plan.batchSize(), order.length);
            fullBatch = planBatch >= order.length && order.length >= trainingSet.size();
            Requirements requirements = choices.currentOptimizer().service().requirements(model.network.layout(), choices.currentOptimizer().settings());
            if (requirements.fullBatch() && !fullBatch) {
                throw new IllegalStateException("optimizer '" + choices.currentOptimizer().name() + "' needs the whole training set "
                        + "in every step but sampler '" + smp.name() + "' planned batches of " + plan.batchSize() + " from "
                        + order.length + " examples; use sampler shuffle with batch=" + trainingSet.size());
            }
            epochSampler = smp.service();
            epochSamplerSettings = smp.settings();
            epochSamplerState = choices.samplerState;
        } finally {
            lock.unlock();
        }
        for (String note : notes) {
            notify(listener, note);
        }

        int stepsPerEpoch = (order.length + planBatch - 1) / planBatch;
        int[] batchExamples = epochSampler.observesErrors() ? new int[planBatch] : null;
        double lossSum = 0;
        long lossCount = 0;
        double lastRate = Double.NaN;
        boolean stop = false;
        String failure = null;
        List<String> stepNotes = new ArrayList<>(2);
        for (int from = 0; from < order.length && !stop; from += planBatch) {
            int count = Math.min(planBatch, order.length - from);
            lock.lock();
            try {
                if (!host.passBoundary(listener)) {
                    stepNotes.add("training stopped at step " + model.step + " in epoch " + epochNumber + " (stop requested)");
                    stop = true;
                    break;
                }
                if (model.trainingObjective != objective) {
                    // the activation or the coding changed at this boundary: same weights, new forward pass
                    objective = trainingObjective(host.data().trainingSet());
                }
                Choice<Optimizer> opt = choices.optimizer;
                objective.setCompute(choices.compute);
                objective.setBatch(order, from, count, fullBatch);
                objective.recordExampleLosses(batchExamples != null);
                double rate = Double.NaN;
                if (opt.settings().has("lr")) {
                    rate = choices.schedule.service().rate(new Schedule.Context(opt.settings().getDouble("lr"), model.step, epochNumber,
                            stepsPerEpoch, objective, model.weights), choices.scheduleState, choices.schedule.settings());
                    if (!(rate >= 0) || Double.isInfinite(rate)) {
                        throw new IllegalStateException("schedule '" + choices.schedule.name() + "' returned the rate "
                                + rate + " at step " + (model.step + 1) + "; check its settings (" + choices.schedule.settings() + ")");
                    }
                }
                StepResult result = opt.service().step(model.weights, objective, choices.optimizerState,
                        new StepContext(opt.settings(), rate, model.step, epochNumber, model.network.layout()));
                model.step++;
                lastRate = rate;
                if (result == null || !Double.isFinite(result.loss())) {
                    String what = result == null ? "missing" : Double.isNaN(result.loss()) ? "NaN" : "infinite";
                    restore(start);
                    failure = "loss became " + what + " at step " + (start.step() + (from / planBatch) + 1)
                            + "; weights restored to the start of epoch " + epochNumber + "; lower lr";
                    break;
                }
                lossSum += result.loss() * count;
                lossCount += count;
                if (batchExamples != null && objective.exampleLossesRecorded()) {
                    System.arraycopy(order, from, batchExamples, 0, count);
                    epochSampler.observe(batchExamples, objective.exampleLosses(), count, epochSamplerState,
                            epochSamplerSettings);
                }
                if (result.message() != null && !result.message().isBlank()) {
                    stepNotes.add(opt.name() + ": " + result.message());
                }
                if (result.stop()) {
                    stepNotes.add("optimizer '" + opt.name() + "' stopped training at step " + model.step
                            + (result.message() == null ? "" : ": " + result.message()));
                    stop = true;
                }
            } catch (RuntimeException e) {
                restore(start);
                throw new IllegalStateException("training stopped in epoch " + epochNumber + ": " + e.getMessage()
                        + "; weights restored to the start of epoch " + epochNumber, e);
            } finally {
                lock.unlock();
            }
            deliver(listener, stepNotes);
        }
        EpochReport report = null;
        if (failure == null) {
            lock.lock();
            try {
                if (!allFinite(model.weights)) {
                    restore(start);
                    failure = "weights became non-finite in epoch " + epochNumber + "; weights restored to the start of "
                            + "epoch " + epochNumber + "; lower lr";
                } else {
                    double evalLoss = Double.NaN;
                    double evalAccuracy = Double.NaN;
                    if (run.evalSplit() != null) {
                        Evaluation e = host.evaluate(run.evalSplit());
                        evalLoss = e.loss();
                        evalAccuracy = e.accuracy();
                    }
                    model.epoch = epochNumber;
                    report = new EpochReport(epochNumber, model.step, lossCount == 0 ? Double.NaN : lossSum / lossCount,
                            run.evalSplit(), evalLoss, evalAccuracy, lastRate, (System.nanoTime() - started) / 1e9);
                    model.lastReport = report;
                }
            } finally {
                lock.unlock();
            }
        }
        deliver(listener, stepNotes);
        if (failure != null) {
            notify(listener, failure);
            return new Outcome(null, true);
        }
        return new Outcome(report, stop);
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private void restore(EpochStart start) {
        System.arraycopy(model.epochStartWeights, 0, model.weights, 0, model.weights.length);
        model.step = start.step();
        choices.optimizerState = start.optimizerState();
        choices.scheduleState = start.scheduleState();
        choices.samplerState = start.samplerState();
        if (choices.optimizer != null && model.network != null) {
            // the optimizer may have been swapped during the epoch: let it adopt the restored state
            choices.optimizer.service().adopt(choices.optimizerState, model.network.layout(), choices.optimizer.settings());
        }
    }

    private static int[] checkedOrder(String samplerName, Sampler.EpochPlan plan, int size) {
        if (plan == null || plan.order() == null || plan.order().length == 0 || plan.batchSize() < 1) {
            throw new IllegalStateException("sampler '" + samplerName + "' planned no examples for this epoch");
        }
        for (int index : plan.order()) {
            if (index < 0 || index >= size) {
                throw new IllegalStateException("sampler '" + samplerName + "' planned example " + index
                        + " but the training set has " + size);
            }
        }
        return plan.order();
    }

    /** Seed of an epoch's sampling stream: SplitMix64's finalizer of the run seed and the epoch. */
    static long epochSeed(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private BatchObjective trainingObjective(Dataset trainingSet) {
        if (model.trainingObjective == null || model.trainingObjective.network() != model.network
                || model.trainingObjective.source().data() != trainingSet) {
            model.trainingObjective = new BatchObjective(model.network, model.outputLoss, model.setup.loss(), choices.compute,
                    new ExampleGatherer(trainingSet, model.coding, model.setup.levels(), model.network.outputWidth()));
            model.trainingLabels = trainingSet.hasLabels() ? trainingSet.labels() : null;
        }
        return model.trainingObjective;
    }

    static void deliver(TrainingListener listener, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        for (String note : notes) {
            notify(listener, note);
        }
        notes.clear();
    }

    static void notify(TrainingListener listener, String note) {
        try {
            listener.message(note);
        } catch (RuntimeException e) {
            // a faulty listener must not break the run
        }
    }
}
