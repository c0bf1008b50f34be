package org.ebp.api.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** State's scalars: overwritten in place without allocating, read back as snapshots, deep-copied. */
class StateTest {

    @Test
    void overwritingAScalarAllocatesNothing() {
        State state = new State().putScalar("t", 0);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            threads.getThreadAllocatedBytes(thread);
            long before = threads.getThreadAllocatedBytes(thread);
            for (int step = 0; step < 100_000; step++) {
                state.putScalar("t", state.scalar("t", 0) + 1);
            }
            least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertEquals(0, least, "bytes allocated by 100,000 scalar updates");
        assertEquals(500_000, state.scalar("t", -1));
    }

    @Test
    void scalarsAreASnapshotAndCopiesAreDeep() {
        State state = new State().putScalar("t", 3).putScalar("lr", 0.5);
        Map<String, Double> before = state.scalars();
        State copy = state.copy();
        state.putScalar("t", 4);
        assertEquals(Map.of("t", 3.0, "lr", 0.5), before);
        assertEquals(3, copy.scalar("t", -1));
        assertEquals(4, state.scalar("t", -1));
        assertNotEquals(state, copy);
        copy.putScalar("t", 4);
        assertEquals(state, copy);
        assertEquals(state.hashCode(), copy.hashCode());
        assertThrows(UnsupportedOperationException.class, () -> state.scalars().put("t", 1.0));
        state.remove("t");
        assertEquals(-1, state.scalar("t", -1));
        assertEquals(java.util.Set.of("lr"), state.scalarNames());
    }
}
