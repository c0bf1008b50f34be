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

    /** order=by-class: all of class 0, then class 1, ..., stored order within a class. */
    @Test
    void byClassSortsStablyByLabel() {
        org.ebp.api.component.Settings byClass = sampler.settings(java.util.Map.of("order", "by-class"));
        Sampler.EpochPlan plan = sampler.plan(Contexts.classified(new int[] {2, 0, 1, 0, 2, 1}, 3, 1, 1, 1), null, byClass);
        assertArrayEquals(new int[] {1, 3, 2, 5, 0, 4}, plan.order());
        // regression sets have no classes: the stored order
        assertArrayEquals(new int[] {0, 1, 2}, sampler.plan(Contexts.regression(3, 1, 1, 1), null, byClass).order());
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
