package org.ebp.compute.kernels;

import java.util.function.Supplier;

/**
 * Runs a native LAPACK call on a fresh thread with a large stack and waits for it.
 *
 * <p>Why: the OpenBLAS of Debian 12 (0.3.21, which the system libjblas.so links to) keeps the
 * job table of its threaded LU ({@code getrf_parallel}, reached through dgesv) on the stack,
 * sized for its maximum thread count: 3 to 4 MiB whatever the matrix order. A Java thread has
 * 1 MiB by default, so dgesv on a 40 x 40 matrix overflowed it and the JVM died with SIGSEGV
 * (found by this module's tests under surefire). A thread of {@value #STACK_BYTES} bytes leaves
 * room for builds with many more threads; the stack is reserved address space, committed only
 * as it is used. Creating the thread costs some tens of microseconds, small next to an O(n^3)
 * factorisation, and small problems do not come here at all (they run in Java).
 */
public final class LargeStackCaller {

    /** 64 MiB: sixteen times what Debian's OpenBLAS was measured to need. */
    public static final long STACK_BYTES = 64L << 20;

    private LargeStackCaller() {
    }

    /**
     * Runs {@code task} on a new thread with a {@value #STACK_BYTES}-byte stack and returns its
     * result, rethrowing what it threw. The wait is not interruptible, because the native code
     * keeps using the arrays until it returns; an interrupt is remembered and restored.
     */
    public static <T> T call(String name, Supplier<T> task) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                result[0] = task.get();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "ebp-lapack-" + name, STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();      // join() makes the worker's writes visible here
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new IllegalStateException(name + " failed", failure[0]);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
