package org.ebp.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.junit.jupiter.api.Test;

/** Issue #14, points 3 and 6: components are checked when they arrive, with one line naming the fix. */
class ArrivalCheckTest {

    private static final String[] OPTIMIZER = {"org.ebp.api.optim.Optimizer"};
    private static final String BUNDLE = "org.example.nadam 1.0.0";

    /** A plugin's optimizer with a given name() and beta1 default. */
    private static Optimizer nadam(String name, double beta1Default) {
        return new Optimizer() {
            @Override public String name() { return name; }
            @Override public String description() { return "Nadam"; }
            @Override public List<ParameterSpec> parameters() {
                return List.of(ParameterSpec.real("beta1", beta1Default, 0, 0.999999, "mean of g"));
            }
            @Override public State init(ParameterLayout layout, Settings settings) { return new State(); }
            @Override public StepResult step(double[] w, Objective objective, State state, StepContext context) {
                return StepResult.of(0);
            }
        };
    }

    private static ArrivalCheck.Arrival arrive(String kind, String name, String[] classes, Object service) {
        return ArrivalCheck.check(kind, name, classes, BUNDLE, 0, 7, service);
    }

    @Test
    void aConsistentComponentIsRegistered() {
        ArrivalCheck.Arrival a = arrive("optimizer", "nadam", OPTIMIZER, nadam("nadam", 0.9));
        assertNull(a.refusal());
        assertNotNull(a.registration());
        assertEquals("nadam", a.registration().entry().name());
        assertEquals(BUNDLE, a.registration().entry().bundle());
    }

    @Test
    void withoutEbpKindItIsRefusedAloudNotInvisible() {
        assertEquals("refused optimizer 'nadam' from org.example.nadam 1.0.0: it has no ebp.kind service property, so no "
                + "command can see it; register it with ebp.kind=optimizer and ebp.name=nadam",
                arrive(null, null, OPTIMIZER, nadam("nadam", 0.9)).refusal());
    }

    @Test
    void anEbpNameThatIsNotNameIsRefusedBeforeUseCanAcceptIt() {
        // before: use took 'nadam-x' and train then failed with "no optimizer named 'nadam'"
        assertEquals("refused optimizer 'nadam-x' from org.example.nadam 1.0.0: its ebp.name is 'nadam-x' but its name() "
                + "returns 'nadam'; make them equal (use and train look it up by the one and record the other)",
                arrive("optimizer", "nadam-x", OPTIMIZER, nadam("nadam", 0.9)).refusal());
    }

    @Test
    void aKindThatIsNotTheServiceInterfaceIsRefused() {
        assertEquals("refused schedule 'nadam' from org.example.nadam 1.0.0: it says ebp.kind=schedule but is not "
                + "registered as org.ebp.api.optim.Schedule (it is registered as org.ebp.api.optim.Optimizer); fix its "
                + "service or its ebp.kind", arrive("schedule", "nadam", OPTIMIZER, nadam("nadam", 0.9)).refusal());
        assertEquals("refused 'nadam' from org.example.nadam 1.0.0: ebp.kind=optimiser is not a component kind; use one of "
                + "[optimizer, schedule, sampler, activation, target-coding, initializer, loss, transform, dataset, compute]",
                arrive("optimiser", "nadam", OPTIMIZER, nadam("nadam", 0.9)).refusal());
    }

    @Test
    void aDefaultOutsideItsRangeIsRefusedOnArrivalNotBlamedOnTheUserAtUse() {
        assertEquals("refused optimizer 'nadam' from org.example.nadam 1.0.0: its default beta1=1.5 is outside its declared "
                + "range 0..0.999999; fix the default or the range in the plugin and update it (use would otherwise fail "
                + "on a value nobody typed)", arrive("optimizer", "nadam", OPTIMIZER, nadam("nadam", 1.5)).refusal());
    }
}
