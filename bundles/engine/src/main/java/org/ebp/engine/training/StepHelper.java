package org.ebp.engine.training;

import java.util.concurrent.locks.LockSupport;

/**
 * A second thread for the training step: {@link #start()} hands it the task, the caller does its
 * own share, {@link #await()} waits for the task's end. One task at a time, from one caller at a
 * time (the session's training thread, which holds the session's lock).
 *
 * <p>Nothing is allocated per task (volatile counters, park and unpark), so a training step stays
 * allocation-free. Both sides spin for {@value #SPIN_NANOS} ns before they park: a mini-batch
 * step takes about a millisecond, and waking a parked thread costs tens of microseconds. The
 * thread ends by itself after {@value #IDLE_NANOS} ns without a task (a stopped bundle or a
 * dropped trainer leaves no thread behind) and is started again by the next task.
 */
final class StepHelper {

    static final long SPIN_NANOS = 50_000L;
    static final long IDLE_NANOS = 2_000_000_000L;

    private final Runnable task;
    private final String name;
    private final long idleNanos;
    /** The running helper, or null; guarded by this. */
    private Thread thread;
    private volatile long requested;
    private volatile long completed;
    private volatile Thread waiter;
    /** What the last task threw; written before {@link #completed}, read after it. */
    private Throwable failure;

    StepHelper(Runnable task, String name) {
        this(task, name, IDLE_NANOS);
    }

    /** With the idle time after which the thread ends (tests shorten it). */
    StepHelper(Runnable task, String name, long idleNanos) {
        this.task = task;
        this.name = name;
        this.idleNanos = idleNanos;
    }

    /** True while the helper thread runs (it ends after the idle time). */
    synchronized boolean running() {
        return thread != null;
    }

    /** Runs the task on the helper thread; the caller then does its share and calls {@link #await()}. */
    void start() {
        waiter = Thread.currentThread();
        Thread t;
        synchronized (this) {
            requested++;
            if (thread == null) {
                thread = new Thread(this::loop, name);
                thread.setDaemon(true);
                thread.start();
                return;
            }
            t = thread;
        }
        LockSupport.unpark(t);
    }

    /**
     * Waits until the task started last has ended.
     *
     * @throws IllegalStateException with the task's exception as its cause, when it threw
     */
    void await() {
        long want = requested;
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (completed != want) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IllegalStateException("the training step's second thread failed: " + f, f);
        }
    }

    private void loop() {
        long done = completed;
        while (true) {
            long idleSince = System.nanoTime();
            while (requested == done) {
                long idle = System.nanoTime() - idleSince;
                if (idle < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else if (idle < idleNanos) {
                    LockSupport.parkNanos(this, idleNanos - idle);
                } else {
                    synchronized (this) {
                        if (requested == done) {
                            thread = null;
                            return;
                        }
                    }
                }
            }
            try {
                task.run();
            } catch (Throwable e) {
                failure = e;
            }
            done++;
            completed = done;
            LockSupport.unpark(waiter);
        }
    }
}
