package org.ebp.engine.training;

import org.ebp.api.component.Settings;
import org.ebp.api.optim.Sampler;

/**
 * One epoch being run by {@link EpochLoop}: its plan (order, batch, the sampler and its state),
 * what it restores on failure (the step and component states at its start) and its running sums.
 */
final class Epoch {

    final int number;
    final long started;
    final int[] order;
    final int batch;
    final boolean fullBatch;
    final int stepsPerEpoch;
    final Sampler sampler;
    final Settings samplerSettings;
    final org.ebp.api.component.State samplerState;
    final long startStep;
    final ComponentStates.Saved startStates;
    final int[] batchExamples;
    BatchObjective objective;
    double lossSum;
    long lossCount;
    double lastRate = Double.NaN;
    boolean stop;
    String failure;

    Epoch(int number, long started, int[] order, int batch, boolean fullBatch, Choice<Sampler> sampler,
            org.ebp.api.component.State samplerState, long startStep, ComponentStates.Saved startStates,
            BatchObjective objective) {
        this.number = number;
        this.started = started;
        this.order = order;
        this.batch = batch;
        this.fullBatch = fullBatch;
        this.stepsPerEpoch = (order.length + batch - 1) / batch;
        this.sampler = sampler.service();
        this.samplerSettings = sampler.settings();
        this.samplerState = samplerState;
        this.startStep = startStep;
        this.startStates = startStates;
        this.batchExamples = this.sampler.observesErrors() ? new int[batch] : null;
        this.objective = objective;
    }

    /** The sampler's order for the epoch, checked: at least one example, every index within the training set. */
    static int[] checkedOrder(String samplerName, Sampler.EpochPlan plan, int size) {
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
    static long seed(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
