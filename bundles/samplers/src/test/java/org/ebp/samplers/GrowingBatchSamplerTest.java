package org.ebp.samplers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.Settings;
import org.ebp.api.optim.Sampler;
import org.junit.jupiter.api.Test;

class GrowingBatchSamplerTest {

    private final GrowingBatchSampler sampler = new GrowingBatchSampler();

    private int[] batchSizes(Settings settings, int sessionBatch, int size, int epochs) {
        int[] sizes = new int[epochs];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Sampler.EpochPlan plan = sampler.plan(Contexts.regression(size, epoch, sessionBatch, epoch), null, settings);
            assertTrue(Contexts.isPermutation(plan.order(), size));
            sizes[epoch - 1] = plan.batchSize();
        }
        return sizes;
    }

    @Test
    void defaultsDoubleFromOneEveryEpochUpTo256() {
        assertEquals("[1, 2, 4, 8, 16, 32, 64, 128, 256, 256, 256]",
                java.util.Arrays.toString(batchSizes(sampler.defaults(), 32, 1000, 11)));
    }

    @Test
    void growsEveryFewEpochsByTheGivenFactor() {
        Settings settings = sampler.settings(Map.of("start", "2", "factor", "3", "every", "2", "max", "50"));
        assertEquals("[2, 2, 6, 6, 18, 18, 50, 50]", java.util.Arrays.toString(batchSizes(settings, 1, 1000, 8)));
    }

    @Test
    void startZeroMeansTheSessionBatchSize() {
        Settings settings = sampler.settings(Map.of("start", "0"));
        assertEquals("[10, 20, 40]", java.util.Arrays.toString(batchSizes(settings, 10, 1000, 3)));
    }

    @Test
    void neverExceedsTheTrainingSet() {
        assertEquals("[1, 2, 4, 5, 5]", java.util.Arrays.toString(batchSizes(sampler.defaults(), 1, 5, 5)));
    }

    @Test
    void hugeEpochCountsDoNotOverflow() {
        assertEquals(256, GrowingBatchSampler.batchSize(5000, 1, 100_000, sampler.defaults()));
    }

    @Test
    void rejectsStartAboveMaxAndFactorBelowOne() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> sampler.settings(Map.of("start", "300")));
        assertTrue(e.getMessage().contains("start=300"), e.getMessage());
        assertThrows(InvalidSettingException.class, () -> sampler.settings(Map.of("factor", "0.5")));
        assertThrows(InvalidSettingException.class, () -> sampler.settings(Map.of("every", "0")));
    }
}
