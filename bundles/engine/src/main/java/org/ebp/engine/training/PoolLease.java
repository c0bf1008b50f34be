package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;

/**
 * The compute provider's thread pool, lent to the two-core steps ({@link TwoHalves}) for an
 * epoch: set to one thread at the first such step and given back ({@link #release}) when the
 * epoch's steps end, before its evaluation, not around every step.
 *
 * <p>Why not per step: OpenBLAS 0.3.31's {@code openblas_set_num_threads} costs 1.9-2.0 ms
 * (median; p90 6.3-6.5 ms) for a set and a restore on this machine after a product on the pool
 * ({@code benchmarks/compute/SetThreadsCost.java}, 3 runs; it re-sizes the pool's buffers), more
 * than a whole batch-32 step, and setting it twice a step made batch 32 three times slower on
 * {@code openblas} than on {@code jblas}. Confined to the training thread (the session's lock).
 */
final class PoolLease {

    /** The provider lent to the steps, or null. */
    private ComputeService lent;
    /** Its setting before the lease. */
    private int previous;

    /** The threads {@code compute} has to lend: its setting, or the one it had before this lease. */
    int threads(ComputeService compute) {
        return compute == lent ? previous : compute.threads();
    }

    /** Sets {@code compute} to one thread unless it already is lent; a lease of another provider is given back first. */
    void single(ComputeService compute) {
        if (compute == lent) {
            return;
        }
        release();
        previous = compute.setThreads(1);
        lent = compute;
    }

    /** Gives the pool its setting back (nothing when nothing is lent). */
    void release() {
        if (lent != null) {
            ComputeService c = lent;
            lent = null;
            c.setThreads(previous);
        }
    }
}
