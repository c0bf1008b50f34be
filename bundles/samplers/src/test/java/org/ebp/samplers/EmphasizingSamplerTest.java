package org.ebp.samplers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Sampler;
import org.junit.jupiter.api.Test;

class EmphasizingSamplerTest {

    private final EmphasizingSampler sampler = new EmphasizingSampler();

    private static int[] counts(int[] order, int size) {
        int[] counts = new int[size];
        for (int i : order) {
            counts[i]++;
        }
        return counts;
    }

    private State stateWithErrors(double[] errors) {
        State state = sampler.init(Contexts.regression(errors.length, 1, 1, 0), sampler.defaults());
        int[] all = ExampleOrders.identity(errors.length);
        sampler.observe(all, errors, errors.length, state, sampler.defaults());
        return state;
    }

    @Test
    void observesErrorsAndStartsWithAllErrorsOne() {
        assertTrue(sampler.observesErrors());
        State state = sampler.init(Contexts.regression(7, 1, 1, 0), sampler.defaults());
        double[] ones = new double[7];
        Arrays.fill(ones, 1.0);
        assertArrayEquals(ones, state.array(EmphasizingSampler.ERRORS));
    }

    @Test
    void firstEpochPresentsEveryExampleOnce() {
        State state = sampler.init(Contexts.regression(40, 1, 1, 0), sampler.defaults());
        Sampler.EpochPlan plan = sampler.plan(Contexts.regression(40, 1, 3, 11), state, sampler.defaults());
        // Equal weights and systematic draws: every example's expected count is exactly 1.
        assertTrue(Contexts.isPermutation(plan.order(), 40));
        assertEquals(3, plan.batchSize());
    }

    @Test
    void examplesWithLargerErrorArePresentedProportionallyMoreOften() {
        double[] errors = new double[100];
        for (int i = 0; i < 100; i++) {
            errors[i] = i < 50 ? 1.0 : 3.0;
        }
        State state = stateWithErrors(errors);
        Settings noFloor = sampler.settings(Map.of("floor", "0"));
        int[] counts = counts(sampler.plan(Contexts.regression(100, 2, 1, 5), state, noFloor).order(), 100);
        // Weights 1 and 3 (mean 2, cap level 8 clips nothing): expected counts 0.5 and 1.5, and a
        // systematic draw gives each example the floor or the ceiling of its expected count.
        for (int i = 0; i < 100; i++) {
            if (i < 50) {
                assertTrue(counts[i] == 0 || counts[i] == 1, "low-error example " + i + ": " + counts[i]);
            } else {
                assertTrue(counts[i] == 1 || counts[i] == 2, "high-error example " + i + ": " + counts[i]);
            }
        }
        assertEquals(100, Arrays.stream(counts).sum());
        int high = Arrays.stream(counts, 50, 100).sum();
        // 75 of 100 expected for the high-error half; systematic resampling is within one example.
        assertTrue(Math.abs(high - 75) <= 1, "high-error presentations: " + high);
    }

    @Test
    void anOutlierGetsAtMostTheCappedShare() {
        double[] errors = new double[100];
        Arrays.fill(errors, 1.0);
        errors[17] = 1e6;
        State state = stateWithErrors(errors);
        for (double cap : new double[] {1, 2, 4, 10}) {
            Settings settings = sampler.settings(Map.of("cap", Double.toString(cap)));
            for (long seed = 0; seed < 30; seed++) {
                int[] counts = counts(sampler.plan(Contexts.regression(100, 2, 1, seed), state, settings).order(), 100);
                // Share at most cap / n, so at most ceil(cap) of the n = 100 draws.
                assertTrue(counts[17] <= Math.ceil(cap), "cap " + cap + ": outlier drawn " + counts[17] + " times");
                assertTrue(counts[17] >= Math.floor(cap) - 1, "cap " + cap + ": outlier drawn " + counts[17] + " times");
            }
        }
    }

    @Test
    void capLevelIsCapTimesTheMeanOfTheCappedErrors() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(60);
            double[] errors = new double[n];
            for (int i = 0; i < n; i++) {
                // Heavy-tailed errors so that some are clipped.
                errors[i] = Math.exp(4 * random.nextGaussian());
            }
            double cap = 1 + 9 * random.nextDouble();
            double level = EmphasizingSampler.capLevel(errors, cap);
            double cappedSum = 0;
            for (double e : errors) {
                cappedSum += Math.min(e, level);
            }
            // A fixed point c = cap * mean(min(e, c)); relative 1e-9 covers rounding of sums of at
            // most 60 terms spanning many orders of magnitude.
            assertEquals(cap * cappedSum / n, level, 1e-9 * level, "trial " + trial);
        }
    }

    @Test
    void capOneMeansNoEmphasis() {
        double[] weights = EmphasizingSampler.presentationWeights(new double[] {0.5, 2, 9, 1e3}, 1.0, 0.0);
        for (double w : weights) {
            assertEquals(weights[0], w, 1e-12);
        }
    }

    @Test
    void allErrorsZeroFallsBackToUniform() {
        assertArrayEquals(new double[] {1, 1, 1}, EmphasizingSampler.presentationWeights(new double[3], 4, 0.1));
    }

    @Test
    void floorKeepsLearnedExamplesComingBack() {
        double[] errors = {2, 4, 1e-3, 1e-3};
        double[] bare = EmphasizingSampler.presentationWeights(errors, 4, 0);
        double[] lifted = EmphasizingSampler.presentationWeights(errors, 4, 0.5);
        // Cap level 4 * mean = 6.002 clips nothing; the floor adds half the mean error, 0.75025.
        double mean = (2 + 4 + 2e-3) / 4;
        for (int i = 0; i < 4; i++) {
            assertEquals(errors[i], bare[i], 1e-15);
            assertEquals(errors[i] + 0.5 * mean, lifted[i], 1e-12);
        }
    }

    @Test
    void fewPositiveErrorsAmongZerosGetExactlyTheCappedShare() {
        double[] errors = new double[10];
        errors[0] = 1.0;
        errors[1] = 1e-9;
        // Two positive errors among ten: cap 4 would want 80 % for them, but the cap allows each at
        // most cap / n = 40 %, whatever their scale; the eight zero errors share the remaining 20 %.
        double[] weights = EmphasizingSampler.presentationWeights(errors, 4, 0);
        double total = Arrays.stream(weights).sum();
        assertEquals(0.4, weights[0] / total, 1e-12);
        assertEquals(0.4, weights[1] / total, 1e-12);
        assertEquals(0.2 / 8, weights[5] / total, 1e-12);
        double[] lifted = EmphasizingSampler.presentationWeights(errors, 4, 1.0);
        double liftedTotal = Arrays.stream(lifted).sum();
        assertTrue(lifted[0] / liftedTotal < 0.4 && lifted[5] / liftedTotal > 0.2 / 8);
    }

    @Test
    void observationsPersistInTheStateAcrossEpochs() {
        State state = sampler.init(Contexts.regression(4, 1, 1, 0), sampler.defaults());
        sampler.observe(new int[] {2, 0, 99}, new double[] {5.0, 0.25, 7}, 2, state, sampler.defaults());
        assertArrayEquals(new double[] {0.25, 1, 5.0, 1}, state.array(EmphasizingSampler.ERRORS));
        double[] before = state.array(EmphasizingSampler.ERRORS);
        sampler.plan(Contexts.regression(4, 2, 1, 1), state, sampler.defaults());
        assertSame(before, state.array(EmphasizingSampler.ERRORS));
        assertArrayEquals(new double[] {0.25, 1, 5.0, 1}, before);
    }

    @Test
    void sameSeedAndStateGiveTheSameOrder() {
        double[] errors = {1, 2, 3, 4, 5, 6, 7, 8};
        int[] a = sampler.plan(Contexts.regression(8, 3, 1, 77), stateWithErrors(errors), sampler.defaults()).order();
        int[] b = sampler.plan(Contexts.regression(8, 3, 1, 77), stateWithErrors(errors), sampler.defaults()).order();
        assertArrayEquals(a, b);
    }

    @Test
    void stateOfAnotherSizeIsReinitialised() {
        State state = sampler.init(Contexts.regression(3, 1, 1, 0), sampler.defaults());
        Sampler.EpochPlan plan = sampler.plan(Contexts.regression(6, 1, 1, 2), state, sampler.defaults());
        assertEquals(6, state.array(EmphasizingSampler.ERRORS).length);
        assertTrue(Contexts.isPermutation(plan.order(), 6));
    }

    @Test
    void rejectsNonFiniteOrNegativeErrorsAndChangesNothing() {
        State state = sampler.init(Contexts.regression(3, 1, 1, 0), sampler.defaults());
        for (double bad : new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sampler.observe(new int[] {0, 1}, new double[] {4, bad}, 2, state, sampler.defaults()));
            assertTrue(e.getMessage().contains("example 1"), e.getMessage());
            assertArrayEquals(new double[] {1, 1, 1}, state.array(EmphasizingSampler.ERRORS));
        }
        assertThrows(IllegalArgumentException.class,
                () -> sampler.observe(new int[] {3}, new double[] {1}, 1, state, sampler.defaults()));
    }

    @Test
    void rejectsCapBelowOneAndNegativeFloor() {
        assertThrows(InvalidSettingException.class, () -> sampler.settings(Map.of("cap", "0.5")));
        assertThrows(InvalidSettingException.class, () -> sampler.settings(Map.of("floor", "-0.1")));
        assertThrows(InvalidSettingException.class, () -> sampler.settings(Map.of("cap", "NaN")));
    }
}
