package org.ebp.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The online step's choice of one or two threads follows the measurement: a trial of each way,
 * then the faster one for a period, then a trial again. The steps' costs are made unequal on
 * purpose (a sleep of 5 ms against none: 320 ms against the microseconds of 64 empty steps), far beyond any timing noise, so the test checks the
 * bookkeeping, not the machine's speed.
 */
class ThreadChoiceTest {

    @Test
    void theFasterWayRunsUntilTheNextTrial() {
        ThreadChoice choice = new ThreadChoice();
        for (int i = 0; i < ThreadChoice.WARM_UP; i++) {
            assertTrue(choice.twoThreads(), "warm-up step " + i + " runs on two threads");
            choice.stepEnded();
        }
        // first trial: two threads are made slow, so one thread must win
        int two = runTrial(choice, true);
        assertEquals(ThreadChoice.TRIAL, two, "the trial runs each way TRIAL times");
        assertFalse(choice.twoWon());
        for (int i = 0; i < ThreadChoice.PERIOD; i++) {
            assertFalse(choice.twoThreads(), "step " + i + " of the period runs the trial's winner");
            choice.stepEnded();
        }
        // next trial: now one thread is slow
        runTrial(choice, false);
        assertTrue(choice.twoWon());
        assertTrue(choice.twoThreads());
        choice.stepEnded();
    }

    /**
     * A few outliers (a GC pause, a compilation) on the faster way do not decide the trial: the
     * medians do.
     */
    @Test
    void outliersDoNotDecideTheTrial() {
        ThreadChoice choice = new ThreadChoice();
        for (int i = 0; i < ThreadChoice.WARM_UP; i++) {
            choice.twoThreads();
            choice.stepEnded();
        }
        int twoSteps = 0;
        for (int i = 0; i < 2 * ThreadChoice.TRIAL; i++) {
            boolean t = choice.twoThreads();
            if (t) {
                twoSteps++;
                // two threads: 1 ms a step, but three steps of 60 ms (more than the one-thread sum)
                LockSupport.parkNanos(twoSteps <= 3 ? 60_000_000L : 1_000_000L);
            } else {
                LockSupport.parkNanos(3_000_000L);
            }
            choice.stepEnded();
        }
        assertTrue(choice.twoWon(), "the median step of two threads is the faster");
    }

    /** One trial; the way {@code slowTwo} names sleeps 5 ms per step. Returns the steps run on two threads. */
    private static int runTrial(ThreadChoice choice, boolean slowTwo) {
        int twoSteps = 0;
        for (int i = 0; i < 2 * ThreadChoice.TRIAL; i++) {
            boolean t = choice.twoThreads();
            if (t) {
                twoSteps++;
            }
            if (t == slowTwo) {
                LockSupport.parkNanos(5_000_000L);
            }
            choice.stepEnded();
        }
        return twoSteps;
    }
}
