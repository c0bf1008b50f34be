package org.ebp.engine.training;

import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.api.optim.Optimizer;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.Network;

/**
 * The training loop's float32 path: when a step may take it, its float working copy of the
 * weights, and keeping the session's float64 master copy in step with it. The float copy is
 * loaded from the master before its first step (and after anything changed the master); the
 * master is written back ({@link #publish}) before anyone reads it: a float64 step, an evaluation,
 * a schedule that reads the weights, the end of an epoch. Guarded by the session's lock.
 */
final class FloatPath {

    private FloatTrainer trainer;
    /** The float copy holds the current weights. */
    private boolean loaded;
    /** The master is behind the float copy. */
    private boolean masterStale;
    private ElementwiseUpdate.Rule rule;
    private Object ruleService;
    private State ruleState;
    private Settings ruleSettings;

    /** True when a step with this optimizer on this network runs in float32. */
    static boolean applies(Precision precision, Choice<Optimizer> optimizer, Network network) {
        return precision == Precision.FLOAT32 && optimizer.service() instanceof ElementwiseUpdate
                && FloatPasses.supports(network);
    }

    /**
     * One float32 step on the examples {@code order[from .. from + count)} of {@code objective}'s
     * training set at the schedule's {@code rate}; returns the batch's mean loss before the step.
     */
    double step(BatchObjective objective, ComputeService compute, Choice<Optimizer> optimizer, State state,
            double[] master, int[] order, int from, int count, double rate) {
        if (trainer == null || trainer.network() != objective.network() || trainer.source() != objective.source()) {
            // a swapped activation or a new training set: same weights, new passes
            publish(master);
            releasePool();
            trainer = new FloatTrainer(objective.network(), objective.outputLoss(), objective.source());
            loaded = false;
        }
        if (!loaded) {
            trainer.weights().load(master);
            loaded = true;
        }
        ElementwiseUpdate.Rule r = rule(optimizer, state, objective.layout());
        r.beginStep(rate);
        double loss = trainer.step(compute, order, from, count, r);
        masterStale = true;
        return loss;
    }

    /** The optimizer's rule on this state, made again only when the optimizer, state or settings change. */
    private ElementwiseUpdate.Rule rule(Choice<Optimizer> optimizer, State state, ParameterLayout layout) {
        if (rule == null || ruleService != optimizer.service() || ruleState != state || ruleSettings != optimizer.settings()) {
            rule = ((ElementwiseUpdate) optimizer.service()).rule(state, optimizer.settings(), layout);
            ruleService = optimizer.service();
            ruleState = state;
            ruleSettings = optimizer.settings();
        }
        return rule;
    }

    /** Per-example losses of the last float step. */
    double[] exampleLosses() {
        return trainer.exampleLosses();
    }

    /** Writes the float copy into the master when the master is behind. */
    void publish(double[] master) {
        if (masterStale) {
            trainer.weights().store(master);
            masterStale = false;
        }
    }

    /** The master was changed outside this path (a float64 step, a restore): reload before the next float step. */
    void masterChanged() {
        loaded = false;
        masterStale = false;
    }

    /** The steps paused (an epoch's end): the compute provider's pool gets its setting back ({@link PoolLease}). */
    void releasePool() {
        if (trainer != null) {
            trainer.releasePool();
        }
    }

    /** The session replaced the weights (a new or restored network): drop the float copy unread. */
    void forget() {
        releasePool();
        trainer = null;
        rule = null;
        ruleService = null;
        ruleState = null;
        ruleSettings = null;
        loaded = false;
        masterStale = false;
    }
}
