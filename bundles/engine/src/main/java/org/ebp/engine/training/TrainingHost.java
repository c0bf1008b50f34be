package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Sampler;
import org.ebp.api.optim.Schedule;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.network.Network;

/**
 * What the training loop needs from its session. Every method is called with the session's lock
 * held; the loop keeps no reference to what they return beyond one step, except the objective
 * (rebuilt when the network or the training set changes).
 */
public interface TrainingHost {

    /** A step boundary: applies swaps and waits while paused; false when training must stop. */
    boolean passBoundary(TrainingListener listener);

    /** Evaluates the network on a split. */
    Evaluation evaluate(String split);

    /** The training set of the session's data. */
    Dataset trainingSet();

    /** The network being trained. */
    Network network();

    /** Its weights, updated in place by the optimizer. */
    double[] weights();

    /** A new objective of the current network on {@code data}. */
    BatchObjective newObjective(Dataset data);

    /** The optimizer in use (the default when none was chosen). */
    Choice<Optimizer> optimizer();

    /** The schedule in use (the default when none was chosen). */
    Choice<Schedule> schedule();

    /** The sampler in use (the default when none was chosen). */
    Choice<Sampler> sampler();

    /** The network's precision setting; float32 applies to the steps it can take (see {@link Precision}). */
    Precision precision();

    /** The compute service resolved at the last boundary. */
    ComputeService compute();
}
