package org.ebp.engine.training;

/**
 * Whether the next step runs on two threads or one, chosen by measuring both: a trial of
 * {@value #TRIAL} steps each way, alternating (two, one, two, one, ... so that a change of the
 * machine's load falls on both ways alike), then the faster way for {@value #PERIOD} steps, then
 * a trial again. On a quiet machine two threads win; on a machine whose cores are busy with other
 * work a handover can wait for a time slice, and one thread wins. Used for online steps
 * ({@link OnlineHalves}) and for mini-batch steps ({@link TwoHalves}); in both the two ways give
 * the same weights to the bit, so the choice cannot change a run's result. Allocation-free (it
 * counts and reads {@link System#nanoTime}).
 */
final class ThreadChoice {

    static final int TRIAL = 64;
    static final int PERIOD = 4096;

    /** Steps since the current trial began; the trial is [0, 2 TRIAL), the chosen way runs after it. */
    private int step;
    private long twoNanos;
    private long oneNanos;
    private boolean twoWins = true;
    private long started;
    private boolean timing;
    private boolean two;

    /** True when this step should run on two threads; call {@link #stepEnded} after it. */
    boolean twoThreads() {
        timing = step < 2 * TRIAL;
        started = timing ? System.nanoTime() : 0;
        two = timing ? step % 2 == 0 : twoWins;
        return two;
    }

    void stepEnded() {
        if (timing) {
            long took = System.nanoTime() - started;
            if (two) {
                twoNanos += took;
            } else {
                oneNanos += took;
            }
            if (step == 2 * TRIAL - 1) {
                twoWins = twoNanos <= oneNanos;
                twoNanos = 0;
                oneNanos = 0;
            }
        }
        step = step + 1 == 2 * TRIAL + PERIOD ? 0 : step + 1;
    }

    /** For status lines and tests: what the last trial chose. */
    boolean twoWon() {
        return twoWins;
    }
}
