package org.ebp.api.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.junit.jupiter.api.Test;

/** The optim 1.2.0 additions: state groups, the run in the schedule context, loss and batch requirements. */
class ContractAdditionsTest {

    /** Adam-like: m, v and t only make sense together; "extra" stands alone. */
    private static final class Grouped implements Optimizer {
        @Override public String name() { return "grouped"; }
        @Override public String description() { return "test"; }
        @Override public List<Set<String>> stateGroups() { return List.of(Set.of("m", "v", "t")); }
        @Override public State init(ParameterLayout layout, Settings settings) {
            return new State().putArray("m", new double[layout.size()]).putArray("v", new double[layout.size()])
                    .putArray("extra", new double[layout.size()]).putScalar("t", 0);
        }
        @Override public StepResult step(double[] w, Objective objective, State state, StepContext context) {
            return StepResult.of(0);
        }
    }

    private static ParameterLayout layout(int n) {
        return ParameterLayout.builder().add("w", 0, ParameterLayout.Role.WEIGHTS, 1, n, n).build();
    }

    @Test
    void aGroupIsReinitialisedWholeWhenOneMemberIsMissing() {
        ParameterLayout layout = layout(3);
        // RMSprop's state: v without t
        State fromRmsprop = new State().putArray("v", filled(layout.size(), 5e-7)).putArray("extra", filled(layout.size(), 2));
        List<String> reset = new Grouped().adopt(fromRmsprop, layout, Settings.empty("grouped"));
        assertEquals(Set.of("m", "v", "t"), Set.copyOf(reset));
        assertTrue(java.util.Arrays.stream(fromRmsprop.array("v")).allMatch(x -> x == 0), "v came without t: reset, not kept");
        assertEquals(0, fromRmsprop.scalar("t", -1));
        assertEquals(2, fromRmsprop.array("extra")[0], "an entry outside the group is kept on its own");
    }

    @Test
    void aCompleteGroupIsKept() {
        ParameterLayout layout = layout(2);
        State fromAdam = new State().putArray("m", filled(layout.size(), 1)).putArray("v", filled(layout.size(), 3))
                .putScalar("t", 40);
        List<String> reset = new Grouped().adopt(fromAdam, layout, Settings.empty("grouped"));
        assertEquals(List.of("extra"), reset);
        assertEquals(3, fromAdam.array("v")[0]);
        assertEquals(40, fromAdam.scalar("t", 0));
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Test
    void theScheduleContextCountsFromWhereTheScheduleCameIntoUse() {
        // a run of 100 steps started at step 500; the schedule was chosen at step 560
        Schedule.Context c = new Schedule.Context(0.1, 570, 3, 10, null, null, 500, 560, 100);
        assertEquals(10, c.stepsInUse());
        assertEquals(40, c.plannedStepsInUse());
        Schedule.Context old = new Schedule.Context(0.1, 7, 1, 10, null, null);
        assertEquals(7, old.stepsInUse());
        assertEquals(0, old.plannedStepsInUse(), "the 1.0 form knows no plan");
    }

    @Test
    void requirementsSayWhichLossesAndBatchSizes() {
        Requirements r = Requirements.NONE.withLosses(Set.of("cross-entropy")).withBatchSizes(8, 256);
        assertTrue(r.acceptsLoss("cross-entropy"));
        assertFalse(r.acceptsLoss("mse"));
        assertTrue(r.acceptsBatch(8) && r.acceptsBatch(256));
        assertFalse(r.acceptsBatch(7) || r.acceptsBatch(257));
        assertTrue(Requirements.NONE.acceptsLoss("anything") && Requirements.NONE.acceptsBatch(1_000_000));
        assertThrows(IllegalArgumentException.class, () -> Requirements.NONE.withBatchSizes(10, 5));
    }

    @Test
    void aLeadingUseInTheAlternativeIsDropped() {
        assertEquals("adam", new Requirements(false, false, Set.of(), 0, "use adam").alternative());
        assertEquals("cg or lbfgs", new Requirements(false, false, Set.of(), 0, "cg or lbfgs").alternative());
        assertEquals("user-rate", Requirements.NONE.withAlternative("user-rate").alternative());
    }
}
