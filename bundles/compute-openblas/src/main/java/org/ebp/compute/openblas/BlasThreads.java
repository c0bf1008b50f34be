package org.ebp.compute.openblas;

import java.util.concurrent.locks.StampedLock;
import java.util.function.IntSupplier;
import org.bytedeco.openblas.global.openblas;

/**
 * OpenBLAS's thread count, which is one setting for the whole process (the pthreads build has one
 * pool). Changing it while a product runs on another thread is not safe in OpenBLAS, so every
 * native call holds a read lock ({@link #enter()}, no allocation) and {@link #set(int)} takes the
 * write lock: it waits for the calls in flight and holds new ones back for the moment it takes.
 */
final class BlasThreads {

    private final StampedLock lock = new StampedLock();
    private volatile int threads;

    /**
     * Sets OpenBLAS to {@link #defaultCount()} threads, so that the count is known (JavaCPP's
     * getter reports only what was set through it).
     */
    BlasThreads() {
        this.threads = defaultCount();
        openblas.blas_set_num_threads(threads);
    }

    /** A fixed count, for a provider without natives. */
    BlasThreads(IntSupplier current) {
        this.threads = current.getAsInt();
    }

    /** OpenBLAS's own default: OPENBLAS_NUM_THREADS when set to a positive number, else the cores. */
    static int defaultCount() {
        String env = System.getenv("OPENBLAS_NUM_THREADS");
        try {
            int n = env == null ? 0 : Integer.parseInt(env.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Ignored, as OpenBLAS ignores it.
        }
        return Runtime.getRuntime().availableProcessors();
    }

    int get() {
        return threads;
    }

    /** Sets the limit and returns the previous one. */
    int set(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("compute threads must be >= 1, got " + count);
        }
        long stamp = lock.writeLock();
        try {
            int previous = threads;
            openblas.blas_set_num_threads(count);
            threads = count;
            return previous;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Call before a native call; pass the stamp to {@link #exit(long)} in a finally block. */
    long enter() {
        return lock.readLock();
    }

    void exit(long stamp) {
        lock.unlockRead(stamp);
    }
}
