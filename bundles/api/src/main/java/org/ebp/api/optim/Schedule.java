package org.ebp.api.optim;

import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A learning-rate schedule: maps the optimizer's base rate and the position in training to the
 * rate of the next step. Stateless; its state is plain data. Registered with
 * {@code ebp.kind=schedule}.
 *
 * <p>A schedule's state is made fresh by {@link #init} whenever a schedule is chosen (it is not
 * handed from one schedule to another), but it is checkpointed and restored by name. The
 * built-ins' names: {@code psi} (array: the power method's running eigenvector estimate, eqs
 * 60-64, kept warm between estimates) and {@code lambda-max} (scalar: the latest estimate of the
 * largest Hessian eigenvalue) of {@code inverse-lambda-max}, with its scratch arrays
 * {@code psi-product}, {@code shifted}, {@code base-gradient} and counters {@code window-epoch},
 * {@code window-patterns}; the other built-ins keep no state. Where the current run and the
 * schedule's use began is in the {@link Context}, not in the state.
 */
@ConsumerType
public interface Schedule extends Component {

    /**
     * Where training is.
     *
     * @param baseRate      the optimizer's {@code lr} setting
     * @param step          steps the session has taken so far (0 for the first), over all its runs
     * @param epoch         current epoch, from 1
     * @param stepsPerEpoch steps in one epoch
     * @param objective     the current batch objective (for curvature-based schedules), may be null
     * @param weights       current weights, may be null
     * @param runStartStep  the value of {@code step} at which the current train call began (since 1.2.0)
     * @param useStartStep  the value of {@code step} from which this schedule has been in use in this run:
     *                      {@code runStartStep}, or later when the schedule was chosen mid-run (since 1.2.0)
     * @param plannedSteps  the steps the current train call plans in all (epochs times steps per epoch),
     *                      or 0 when unknown (since 1.2.0)
     */
    record Context(double baseRate, long step, int epoch, int stepsPerEpoch, Objective objective, double[] weights,
                   long runStartStep, long useStartStep, long plannedSteps) {

        /** A context that knows nothing of the run: it started, and the schedule was chosen, at step 0 (the 1.0 form). */
        public Context(double baseRate, long step, int epoch, int stepsPerEpoch, Objective objective, double[] weights) {
            this(baseRate, step, epoch, stepsPerEpoch, objective, weights, 0, 0, 0);
        }

        /** Steps taken since this schedule came into use in this run (0 at its first step). */
        public long stepsInUse() {
            return Math.max(0, step - useStartStep);
        }

        /**
         * Steps this schedule will see until the run's planned end, counted from its first step
         * (so {@code stepsInUse() / plannedStepsInUse()} goes from 0 towards 1); 0 when the plan is unknown.
         */
        public long plannedStepsInUse() {
            return plannedSteps <= 0 ? 0 : Math.max(1, runStartStep + plannedSteps - useStartStep);
        }
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
