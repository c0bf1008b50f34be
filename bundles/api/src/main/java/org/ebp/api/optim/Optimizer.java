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
     * Adopts the state left by another optimizer (or another version of this one): keeps the
     * entries this optimizer understands, re-initialises the rest in place, and returns the
     * names of the entries it re-initialised (empty when everything was carried over).
     */
    default List<String> adopt(State state, ParameterLayout layout, Settings settings) {
        State fresh = init(layout, settings);
        List<String> reset = new java.util.ArrayList<>();
        for (String name : fresh.arrayNames()) {
            double[] mine = state.array(name);
            if (mine == null || mine.length != fresh.array(name).length) {
                state.putArray(name, fresh.array(name));
                reset.add(name);
            }
        }
        for (String name : fresh.scalarNames()) {
            if (!state.hasScalar(name)) {
                state.putScalar(name, fresh.scalar(name, 0));
                reset.add(name);
            }
        }
        return reset;
    }

    /** Updates {@code w} in place by one step on the objective's current batch. */
    StepResult step(double[] w, Objective objective, State state, StepContext context);
}
