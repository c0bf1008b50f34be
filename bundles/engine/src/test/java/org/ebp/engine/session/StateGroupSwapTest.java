package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.model.ParameterLayout;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue #14, point 2: a swap says whether a state group was taken whole or re-initialised whole, and why. */
class StateGroupSwapTest {

    /** Keeps v (like rmsprop) or m, v and t as one group (like adam); steps as gradient descent. */
    static final class Stateful extends TestComponents.GradientDescent {
        private final boolean grouped;

        Stateful(String name, boolean grouped) {
            super(name);
            this.grouped = grouped;
        }

        @Override public List<Set<String>> stateGroups() {
            return grouped ? List.of(Set.of("m", "v", "t")) : List.of();
        }

        @Override public State init(ParameterLayout layout, Settings settings) {
            State s = new State().putArray("v", new double[layout.size()]);
            return grouped ? s.putArray("m", new double[layout.size()]).putScalar("t", 0) : s;
        }
    }

    private final TestCatalog catalog = TestCatalog.standard();
    private final Session session = new Session(catalog.index(), new TestComponents.SimpleSplitter());

    StateGroupSwapTest() throws DataFormatException {
        catalog.add(ComponentKind.OPTIMIZER, new Stateful("rms", false));
        catalog.add(ComponentKind.OPTIMIZER, new Stateful("grouped", true));
        session.loadData("blobs", Map.of());
        session.createNetwork("in-6-out", Map.of());
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aGroupWithAMissingMemberIsReinitialisedWholeAndTheSwapSaysWhy() {
        session.use(ComponentKind.OPTIMIZER, "rms", Map.of());
        session.train(1, Map.of("eval", "none"), null);
        assertEquals("optimizer grouped lr=0.01; re-initialised: m, t, v; state group {m, t, v} re-initialised whole "
                + "(the previous state had v but not m, t, and grouped uses them only together)",
                session.use(ComponentKind.OPTIMIZER, "grouped", Map.of()));
        session.train(1, Map.of("eval", "none"), null);
        assertEquals("optimizer grouped lr=0.02; grouped state 'm', 'v', 't' carried over; state group {m, t, v} carried "
                + "over whole", session.use(ComponentKind.OPTIMIZER, "grouped", Map.of("lr", "0.02")));
    }
}
