package org.ebp.engine.training;

import org.ebp.api.component.State;

/**
 * The state of the optimizer, schedule and sampler in use. A null state is made on first use at
 * an epoch start. The session's component choices replace a state when a component is swapped;
 * the training loop creates missing states and puts back the epoch's start when an epoch fails.
 * Guarded by the session's lock.
 */
public final class ComponentStates {

    /** The three states at one moment, as copies. */
    record Saved(State optimizer, State schedule, State sampler) {
    }

    private State optimizer;
    private State schedule;
    private State sampler;

    /** The optimizer's state, or null when it is made at the next epoch start. */
    public State optimizer() {
        return optimizer;
    }

    public State schedule() {
        return schedule;
    }

    public State sampler() {
        return sampler;
    }

    public void setOptimizer(State state) {
        optimizer = state;
    }

    public void setSchedule(State state) {
        schedule = state;
    }

    /** The sampler's state is made from the training set at the next epoch start. */
    public void forgetSampler() {
        sampler = null;
    }

    /** New weights: the optimizer and schedule start afresh at the next epoch. */
    public void forgetOptimizerAndSchedule() {
        optimizer = null;
        schedule = null;
    }

    /** The sampler's state as the loop made it, or as a checkpoint kept it. */
    public void setSampler(State state) {
        sampler = state;
    }

    Saved save() {
        return new Saved(optimizer.copy(), schedule.copy(), sampler.copy());
    }

    void restore(Saved saved) {
        optimizer = saved.optimizer();
        schedule = saved.schedule();
        sampler = saved.sampler();
    }
}
