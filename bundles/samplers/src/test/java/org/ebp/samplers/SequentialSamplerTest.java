package org.ebp.samplers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ebp.api.optim.Sampler;
import org.junit.jupiter.api.Test;

class SequentialSamplerTest {

    private final SequentialSampler sampler = new SequentialSampler();

    @Test
    void presentsTheStoredOrderWithTheSessionBatchSize() {
        Sampler.EpochPlan plan = sampler.plan(Contexts.regression(5, 3, 2, 1), sampler.init(null, sampler.defaults()),
                sampler.defaults());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, plan.order());
        assertEquals(2, plan.batchSize());
    }

    @Test
    void emptyTrainingSetGivesAnEmptyOrder() {
        assertEquals(0, sampler.plan(Contexts.regression(0, 1, 1, 1), null, sampler.defaults()).order().length);
    }

    @Test
    void rejectsBatchSizeBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.plan(Contexts.regression(5, 1, 0, 1), null, sampler.defaults()));
        assertEquals(true, e.getMessage().contains("batch size 0"), e.getMessage());
    }

    @Test
    void rejectsLabelsOfTheWrongLengthOrOutOfRange() {
        Sampler.Context shortLabels = new Sampler.Context(4, new int[] {0, 1}, 2, 1, 1, new java.util.SplittableRandom(1));
        assertThrows(IllegalArgumentException.class, () -> sampler.plan(shortLabels, null, sampler.defaults()));
        Sampler.Context badClass = Contexts.classified(new int[] {0, 2}, 2, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.plan(badClass, null, sampler.defaults()));
        assertEquals(true, e.getMessage().contains("class 2"), e.getMessage());
    }
}
