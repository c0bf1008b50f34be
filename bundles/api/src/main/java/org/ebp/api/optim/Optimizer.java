package org.ebp.api.optim;

import java.util.List;
import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A stateless update rule. Its state is plain data ({@link State}) owned by the session, so the
 * optimizer may be swapped or its bundle updated between two steps. Registered with
 * {@code ebp.kind=optimizer}.
 *
 * <h2>Well-known state names</h2>
 * A state is handed from one optimizer to the next by entry name, so a name means the same thing
 * in every optimizer that uses it. The built-ins use these; a plugin that keeps the same quantity
 * uses the same name (and anything else under a name of its own):
 * <ul>
 *   <li>{@code gradient} (array): scratch buffer for the last gradient; carries no history.</li>
 *   <li>{@code velocity} (array): the last step {@code dw} of momentum and Nesterov, in the units of
 *       {@code w} ({@code w <- w - dw}).</li>
 *   <li>{@code m} (array): running mean of gradients, {@code m <- beta1 m + (1 - beta1) g} (Adam family).</li>
 *   <li>{@code v} (array): running mean of squared gradients, {@code v <- beta2 v + (1 - beta2) g^2}
 *       (RMSprop, Adam family); without {@code t} it is not bias-corrected.</li>
 *   <li>{@code t} (scalar): steps taken with {@code m} and {@code v}, for the bias corrections
 *       {@code 1 - beta^t}; meaningless apart from the {@code m} and {@code v} it counts.</li>
 *   <li>{@code sum-squares} (array): AdaGrad's sum of squared gradients since the start.</li>
 *   <li>{@code rate-scale} (array): per-weight learning-rate factors (section 5.1 of the paper).</li>
 *   <li>{@code r} (array) and {@code eta} (scalar): the running average of the gradient and the current
 *       rate of the adaptive-rate rule (eqs 18-19).</li>
 * </ul>
 * Entries that only make sense together form a {@linkplain #stateGroups() state group}:
 * {@link #adopt} keeps such a group whole or re-initialises all of it.
 */
@ConsumerType
public interface Optimizer extends Component {

    /** What this optimizer needs for this layout and settings. */
    default Requirements requirements(ParameterLayout layout, Settings settings) {
        return Requirements.NONE;
    }

    /** A fresh state. */
    State init(ParameterLayout layout, Settings settings);

    /**
     * State entries (array or scalar names of {@link #init}'s state) that only make sense
     * together, e.g. Adam's {@code m}, {@code v} and {@code t}: the bias correction reads
     * {@code t} as the age of {@code m} and {@code v}, so a {@code v} taken from RMSprop without its
     * {@code t} would be inflated a thousandfold. The default {@link #adopt} takes each group whole
     * or not at all. Empty by default (added in optim 1.2.0).
     */
    default List<java.util.Set<String>> stateGroups() {
        return List.of();
    }

    /**
     * Adopts the state left by another optimizer (or another version of this one): keeps the
     * entries this optimizer understands, re-initialises the rest in place, and returns the
     * names of the entries it re-initialised (empty when everything was carried over). An entry
     * is kept when the handed-over state has it under the same name (an array of the same
     * length); a {@linkplain #stateGroups() state group} is kept only when every member is, and
     * is otherwise re-initialised whole (all its names are returned).
     */
    default List<String> adopt(State state, ParameterLayout layout, Settings settings) {
        State fresh = init(layout, settings);
        java.util.Set<String> missing = new java.util.LinkedHashSet<>();
        for (String name : fresh.arrayNames()) {
            double[] mine = state.array(name);
            if (mine == null || mine.length != fresh.array(name).length) {
                missing.add(name);
            }
        }
        for (String name : fresh.scalarNames()) {
            if (!state.hasScalar(name)) {
                missing.add(name);
            }
        }
        for (java.util.Set<String> group : stateGroups()) {
            if (group.stream().anyMatch(missing::contains)) {
                missing.addAll(new java.util.TreeSet<>(group));
            }
        }
        List<String> reset = new java.util.ArrayList<>();
        for (String name : missing) {
            if (fresh.array(name) != null) {
                state.putArray(name, fresh.array(name));
                reset.add(name);
            } else if (fresh.hasScalar(name)) {
                state.putScalar(name, fresh.scalar(name, 0));
                reset.add(name);
            }
        }
        return reset;
    }

    /** Updates {@code w} in place by one step on the objective's current batch. */
    StepResult step(double[] w, Objective objective, State state, StepContext context);
}
