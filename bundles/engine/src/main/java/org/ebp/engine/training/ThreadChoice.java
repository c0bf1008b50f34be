package org.ebp.engine.training;

import java.util.Arrays;

/**
 * Whether the next step runs on two threads or one, chosen by measuring both: a trial of
 * {@value #TRIAL} steps each way, alternating (two, one, two, one, ... so that a change of the
 * machine's load falls on both ways alike), then the way with the lower median step time for
 * {@value #PERIOD} steps, then a trial again. The first trial waits for {@value #WARM_UP} steps
 * on two threads: the first steps of a run are the JIT's, whose compiler threads take a core
 * from the second training thread (measured at batch 32, 784-300-10: after 128 warm-up steps
 * the trial's medians were 1.0-1.6 ms on two threads against 0.9-1.5 ms on one, so one thread
 * ran at 30,000-32,000 examples/s; after 512, 0.85-1.0 ms against 0.88-1.54 ms, and two threads
 * ran at 41,000-43,000). With sums instead of medians a few such steps, or one GC pause,
 * decided the trial (one thread chosen at batch 128 where two ran 1.5x faster). On a quiet machine two threads win;
 * on a machine whose cores are busy with other work a handover can wait for a time slice, and
 * one thread wins. Used for online steps ({@link OnlineHalves}) and for mini-batch steps
 * ({@link UnitHalves}, {@link TwoHalves}); in all of them the two ways give the same weights to
 * the bit, so the choice cannot change a run's result. Allocation-free (it counts, reads
 * {@link System#nanoTime} and sorts its own two arrays in place).
 */
final class ThreadChoice {

    static final int TRIAL = 64;
    static final int PERIOD = 4096;
    /** Steps on two threads before the first trial. */
    static final int WARM_UP = 8 * TRIAL;

    /** Steps since the current trial began; the trial is [0, 2 TRIAL), the chosen way runs after it. */
    private int step = -WARM_UP;
    private final long[] twoNanos = new long[TRIAL];
    private final long[] oneNanos = new long[TRIAL];
    private boolean twoWins = true;
    private long started;
    private boolean timing;
    private boolean two;

    /** True when this step should run on two threads; call {@link #stepEnded} after it. */
    boolean twoThreads() {
        timing = step >= 0 && step < 2 * TRIAL;
        started = timing ? System.nanoTime() : 0;
        two = timing ? step % 2 == 0 : twoWins;
        return two;
    }

    void stepEnded() {
        if (timing) {
            long took = System.nanoTime() - started;
            (two ? twoNanos : oneNanos)[step / 2] = took;
            if (step == 2 * TRIAL - 1) {
                twoWins = median(twoNanos) <= median(oneNanos);
            }
        }
        step = step + 1 == 2 * TRIAL + PERIOD ? 0 : step + 1;
    }

    /** The median of {@code nanos}, which it sorts. */
    private static long median(long[] nanos) {
        Arrays.sort(nanos);
        return (nanos[nanos.length / 2 - 1] + nanos[nanos.length / 2]) / 2;
    }

    /** For status lines and tests: what the last trial chose. */
    boolean twoWon() {
        return twoWins;
    }
}
