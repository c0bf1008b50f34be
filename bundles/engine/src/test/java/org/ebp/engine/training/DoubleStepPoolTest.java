package org.ebp.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The float64 step's pool: during a trial the steps alternate between the provider's pool and
 * the pool lent at one thread, the pool is given back when the epoch ends, and single examples
 * and providers without a pool to lend are left alone.
 */
class DoubleStepPoolTest {

    @Test
    void trialStepsAlternateAndTheEpochsEndGivesThePoolBack() {
        PooledCompute compute = new PooledCompute();
        DoubleStepPool pool = new DoubleStepPool();
        for (int step = 0; step < ThreadChoice.WARM_UP; step++) {
            pool.beforeStep(compute, 32);
            assertEquals(2, compute.threads(), "warm-up steps run on the provider's pool");
            pool.afterStep();
        }
        for (int step = 0; step < 2 * ThreadChoice.TRIAL; step++) {
            pool.beforeStep(compute, 32);
            assertEquals(step % 2 == 0 ? 2 : 1, compute.threads(), "threads during trial step " + step);
            pool.afterStep();
        }
        pool.release();
        assertEquals(2, compute.threads(), "the pool's setting is given back at the epoch's end");
    }

    @Test
    void singleExamplesAndProvidersWithoutAPoolAreLeftAlone() {
        PooledCompute compute = new PooledCompute();
        DoubleStepPool pool = new DoubleStepPool();
        for (int step = 0; step < 10; step++) {
            pool.beforeStep(compute, 1);
            pool.afterStep();
        }
        compute.setThreads(1); // e.g. a sweep's parallel sessions
        int sets = compute.sets.get();
        for (int step = 0; step < 10; step++) {
            pool.beforeStep(compute, 32);
            pool.afterStep();
        }
        pool.release();
        assertEquals(sets, compute.sets.get(), "no setThreads calls");
        assertEquals(1, compute.threads());
    }
}
