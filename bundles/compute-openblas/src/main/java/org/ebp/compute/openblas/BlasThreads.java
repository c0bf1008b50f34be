package org.ebp.compute.openblas;

import java.util.concurrent.locks.StampedLock;
import java.util.function.IntSupplier;
import org.bytedeco.openblas.global.openblas;

/**
 * OpenBLAS's thread count, which is one setting for the whole process (the pthreads build has one
 * pool). JavaCPP's {@code blas_set_num_threads} finds {@code openblas_set_num_threads} by name,
 * which resolves to its other copy, libopenblas_nolapack.so.0, and leaves the libopenblas.so.0
 * that every product and LAPACK call runs in at its default (measured: still 2 after setting 1,
 * so two training threads' products each queued on OpenBLAS's own pool, 2.5x slower than on
 * one thread each); so once the pinned-array shim is bound to libopenblas.so.0
 * ({@link #reachLinkedLibrary}) every change goes to both. Changing it while a product runs on another thread is not safe in OpenBLAS, so every
 * native call holds a read lock ({@link #enter()}, no allocation) and {@link #set(int)} takes the
 * write lock: it waits for the calls in flight and holds new ones back for the moment it takes.
 */
final class BlasThreads {

    private final StampedLock lock = new StampedLock();
    private volatile int threads;
    /** True once changes also go to libopenblas.so.0 through the shim. */
    private volatile boolean linked;

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

    /**
     * From now on every change also goes to the libopenblas.so.0 the shim is bound to
     * ({@link PinnedProducts#linked}), which gets the current count at once.
     */
    void reachLinkedLibrary() {
        if (!PinnedProducts.linked()) {
            throw new IllegalStateException("the pinned-array shim is not bound to libopenblas.so.0");
        }
        long stamp = lock.writeLock();
        try {
            PinnedProducts.setThreads0(threads);
            linked = true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The count libopenblas.so.0 itself reports, or -1 when the shim is not bound to it. */
    int linkedLibraryCount() {
        return linked ? PinnedProducts.threads0() : -1;
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
            if (linked) {
                PinnedProducts.setThreads0(count);
            }
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
