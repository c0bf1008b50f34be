package org.ebp.samplers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.ebp.api.optim.Sampler;
import org.junit.jupiter.api.Test;

class ShuffleSamplerTest {

    private final ShuffleSampler sampler = new ShuffleSampler();

    private int[] order(int size, int epoch, long seed) {
        return sampler.plan(Contexts.regression(size, epoch, 8, seed), null, sampler.defaults()).order();
    }

    @Test
    void everyEpochIsAPermutation() {
        for (int epoch = 1; epoch <= 20; epoch++) {
            assertTrue(Contexts.isPermutation(order(97, epoch, 1000 + epoch), 97));
        }
    }

    @Test
    void sameSeedGivesTheSameOrder() {
        assertArrayEquals(order(500, 4, 42), order(500, 4, 42));
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        // Two independent permutations of 500 elements coincide with probability 1/500!.
        assertFalse(Arrays.equals(order(500, 1, 1), order(500, 1, 2)));
    }

    @Test
    void keepsTheSessionBatchSize() {
        assertEquals(8, sampler.plan(Contexts.regression(10, 1, 8, 3), null, sampler.defaults()).batchSize());
    }

    @Test
    void allPermutationsOfThreeAreEquallyLikely() {
        int trials = 6000;
        Map<String, Integer> counts = new HashMap<>();
        for (int t = 0; t < trials; t++) {
            counts.merge(Arrays.toString(order(3, 1, t)), 1, Integer::sum);
        }
        assertEquals(6, counts.size());
        // Each count is binomial(6000, 1/6): mean 1000, sd sqrt(6000 * 1/6 * 5/6) = 28.9; 5 sd allows
        // a fair shuffle through (false alarm about 1e-6) and catches a biased one (e.g. the naive
        // "swap with any index" shuffle, whose counts differ by about 100 or more).
        for (int c : counts.values()) {
            assertTrue(Math.abs(c - 1000) < 5 * 28.9, counts.toString());
        }
    }

    @Test
    void needsNoSettingsAndNoState() {
        assertTrue(sampler.parameters().isEmpty());
        Sampler.EpochPlan plan = sampler.plan(Contexts.regression(4, 1, 1, 9), sampler.init(null, sampler.defaults()),
                sampler.defaults());
        assertTrue(Contexts.isPermutation(plan.order(), 4));
    }
}
