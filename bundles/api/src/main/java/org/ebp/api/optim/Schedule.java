package org.ebp.api.optim;

import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A learning-rate schedule: maps the optimizer's base rate and the position in training to the
 * rate of the next step. Stateless; its state is plain data. Registered with
 * {@code ebp.kind=schedule}.
 */
@ConsumerType
public interface Schedule extends Component {

    /**
     * Where training is.
     *
     * @param baseRate      the optimizer's {@code lr} setting
     * @param step          steps taken so far (0 for the first)
     * @param epoch         current epoch, from 1
     * @param stepsPerEpoch steps in one epoch
     * @param objective     the current batch objective (for curvature-based schedules), may be null
     * @param weights       current weights, may be null
     */
    record Context(double baseRate, long step, int epoch, int stepsPerEpoch, Objective objective, double[] weights) {
    }

    default State init(Settings settings) {
        return new State();
    }

    /**
     * Whether {@link #rate} reads the context's objective or weights. The engine's float32 path
     * keeps its working weights in float and copies them into the context's double weights before
     * every step for schedules that read them; schedules that only count steps return false and
     * save that copy (added in 1.1.0; the default is the safe answer).
     */
    default boolean readsWeights() {
        return true;
    }

    /** The rate for the next step. */
    double rate(Context context, State state, Settings settings);
}
