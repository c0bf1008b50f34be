package org.ebp.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.junit.jupiter.api.Test;

/**
 * An optimizer's contract: a step on a quadratic lowers the loss; the state is all there is
 * (it survives JSON, as in a checkpoint, and the next step from the copy is the same to the
 * bit); and adopting the state each first-order built-in leaves either keeps a coherent state
 * or re-initialises it, and says which (an entry that was not handed over is reported
 * re-initialised, unless it holds what init gives it: a value derived from the settings alone). Coherent means, for the well-known names: {@code m},
 * {@code v} and {@code t} (the bias correction's age of {@code m} and {@code v}) are kept
 * together or reset together, which {@link Optimizer#stateGroups()} gives for free.
 */
public abstract class OptimizerConformance extends ComponentConformance<Optimizer> {

    @Override
    protected final ComponentKind kind() {
        return ComponentKind.OPTIMIZER;
    }

    /** The problem; override for an optimizer that needs another one. */
    protected Quadratic problem() {
        return Quadratic.standard();
    }

    /** Settings for the quadratic: the defaults, unless overridden (e.g. a rate suited to curvature 10). */
    protected Settings settings(Optimizer optimizer) {
        return optimizer.defaults();
    }

    /** The states handed over in the adopt test: the first-order built-ins' by default. */
    protected List<HandedState> handedStates() {
        return HandedState.builtIns(problem());
    }

    private StepResult step(Optimizer o, Settings s, double[] w, State state, long k) {
        double lr = s.has("lr") ? s.getDouble("lr") : Double.NaN;
        return o.step(w, problem(), state, new StepContext(s, lr, k, 1, problem().layout()));
    }

    @Test
    public void oneStepOnAQuadraticLowersTheLoss() {
        Optimizer o = component();
        Settings s = settings(o);
        Quadratic f = problem();
        double[] w = f.start();
        double before = f.value(w);
        State state = o.init(f.layout(), s);
        assertNotNull(state, o.name() + ": init returned null");
        StepResult result = step(o, s, w, state, 0);
        assertNotNull(result, o.name() + ": step returned null");
        double after = f.value(w);
        assertTrue(after < before, o.name() + ": one step from the origin took the loss from " + before + " to " + after
                + "; a step must go downhill (or override settings() with a rate suited to curvature 10)");
    }

    @Test
    public void theStateSurvivesJsonAndIsAllThereIs() {
        Optimizer o = component();
        Settings s = settings(o);
        Quadratic f = problem();
        double[] w = f.start();
        State state = o.init(f.layout(), s);
        for (int k = 0; k < 3; k++) {
            step(o, s, w, state, k);
        }
        State restored = StateJson.read(StateJson.write(state));
        assertEquals(state, restored, o.name() + ": the state does not read back from JSON as it was written");
        double[] w1 = w.clone();
        double[] w2 = w.clone();
        step(o, s, w1, state, 3);
        Optimizer other = component();
        step(other, settings(other), w2, restored, 3);
        assertArrayEquals(w1, w2, o.name() + ": the step after a checkpoint differs from the step without one; "
                + "everything a step depends on must be in the State (not in fields of the optimizer)");
    }

    @Test
    public void adoptingABuiltInsStateKeepsItCoherentOrReinitialisesItAndSaysWhich() {
        Optimizer o = component();
        Settings s = settings(o);
        Quadratic f = problem();
        State fresh = o.init(f.layout(), s);
        Set<String> own = names(fresh);
        List<String> failures = new ArrayList<>();
        for (HandedState handed : handedStates()) {
            State state = handed.state().copy();
            List<String> reset = o.adopt(state, f.layout(), s);
            String from = "from " + handed.from() + " (state " + names(handed.state()) + "): ";
            for (String name : own) {
                boolean had = handed.state().array(name) != null || handed.state().hasScalar(name);
                if (!had && !reset.contains(name) && !sameAsFresh(state, fresh, name)) {
                    // an entry derived from the settings alone (equal to init's) loses nothing and need not be reported
                    failures.add(from + "'" + name + "' was not handed over but adopt does not report it re-initialised");
                }
                if (state.array(name) == null && !state.hasScalar(name)) {
                    failures.add(from + "after adopt the state lacks its own entry '" + name + "'");
                }
            }
            Set<String> moments = new TreeSet<>(own);
            moments.retainAll(Set.of("m", "v", "t"));
            if (moments.contains("t") && moments.size() > 1) {
                long kept = moments.stream().filter(n -> !reset.contains(n)).count();
                if (kept != 0 && kept != moments.size()) {
                    failures.add(from + "kept " + moments.stream().filter(n -> !reset.contains(n)).toList() + " of "
                            + moments + ": t is the age of m and v, so they are kept or reset together; declare "
                            + "stateGroups() = List.of(Set.of(\"m\", \"v\", \"t\"))");
                }
            }
            double[] w = handed.weights().clone();
            double before = f.value(w);
            step(o, s, w, state, HandedState.STEPS);
            double after = f.value(w);
            if (!(after <= 10 * before + 1e-12)) {
                failures.add(from + "the first step after adopt took the loss from " + before + " to " + after);
            }
        }
        if (!failures.isEmpty()) {
            fail(o.name() + ":\n  " + String.join("\n  ", failures));
        }
    }

    private static boolean sameAsFresh(State state, State fresh, String name) {
        if (fresh.array(name) != null) {
            return java.util.Arrays.equals(fresh.array(name), state.array(name));
        }
        return state.hasScalar(name) && Double.compare(fresh.scalar(name, 0), state.scalar(name, Double.NaN)) == 0;
    }

    private static Set<String> names(State s) {
        Set<String> names = new TreeSet<>(s.arrayNames());
        names.addAll(s.scalarNames());
        return names;
    }
}
