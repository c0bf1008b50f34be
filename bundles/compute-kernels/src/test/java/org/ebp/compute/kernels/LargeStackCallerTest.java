package org.ebp.compute.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The helper that runs LAPACK calls on a thread with a large stack. */
class LargeStackCallerTest {

    @Test
    void returnsTheResultComputedOnAnotherThread() {
        Thread caller = Thread.currentThread();
        Thread worker = LargeStackCaller.call("test", Thread::currentThread);
        assertNotSame(caller, worker);
        assertTrue(worker.getName().startsWith("ebp-lapack-test"));
    }

    @Test
    void rethrowsWhatTheTaskThrew() {
        ArithmeticException thrown = new ArithmeticException("singular");
        assertSame(thrown, assertThrows(ArithmeticException.class,
                () -> LargeStackCaller.call("test", () -> {
                    throw thrown;
                })));
    }

    @Test
    void waitsThroughAnInterruptAndRestoresIt() {
        Thread.currentThread().interrupt();
        try {
            // The task outlives the interrupt; its result must still arrive.
            int value = LargeStackCaller.call("test", () -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return 42;
            });
            assertEquals(42, value);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is restored");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void deepRecursionFitsItsStack() {
        // About 200 bytes per frame: 100 000 frames need some 20 MiB, far beyond a default stack.
        assertEquals(100_000, (int) LargeStackCaller.call("test", () -> depth(100_000)));
    }

    private static int depth(int remaining) {
        return remaining == 0 ? 0 : 1 + depth(remaining - 1);
    }
}
