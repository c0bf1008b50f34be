package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;

/**
 * The float64 step's products on the compute provider's own pool, or on one thread: whichever
 * measures faster ({@link ThreadChoice}), the pool lent at one thread ({@link PoolLease}) for the
 * steps that run on one. The float64 step (the optimizer's own {@code step}) runs on the training
 * thread, its products on OpenBLAS's pool; on a machine whose cores are busy with other work that
 * pool's products of mid-size shapes measured several times slower than on one thread (784-300
 * products of 16 and 32 rows: 140-360 us on one thread, 1.1-11 ms on two, at load 7), and the
 * float64 batch-32 training 1,900-3,300 examples/s on the pool against 7,000-7,600 on one thread.
 * On a quiet machine the pool wins for large products, so the step measures both. Only for
 * mini-batches, on a provider with a pool to lend; the pool is given back when an epoch's steps end.
 */
final class DoubleStepPool {

    private final PoolLease pool = new PoolLease();
    private final ThreadChoice choice = new ThreadChoice();
    private boolean measuring;

    /** Before a float64 step of {@code count} examples on {@code compute}: sets the pool for it. */
    void beforeStep(ComputeService compute, int count) {
        measuring = count >= 2 && pool.threads(compute) >= 2 && TwoHalves.ENABLED;
        if (!measuring) {
            pool.release();
            return;
        }
        if (choice.twoThreads()) {
            pool.release();
        } else {
            pool.single(compute);
        }
    }

    /** After the step (also when it failed). */
    void afterStep() {
        if (measuring) {
            choice.stepEnded();
            measuring = false;
        }
    }

    /** The epoch's steps ended: the pool gets its setting back. */
    void release() {
        pool.release();
    }
}
