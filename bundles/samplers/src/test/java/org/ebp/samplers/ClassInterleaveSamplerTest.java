package org.ebp.samplers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ebp.api.optim.Sampler;
import org.junit.jupiter.api.Test;

class ClassInterleaveSamplerTest {

    private final ClassInterleaveSampler sampler = new ClassInterleaveSampler();

    private int[] order(int[] labels, int classCount, int epoch, long seed) {
        return sampler.plan(Contexts.classified(labels, classCount, epoch, 1, seed), null, sampler.defaults()).order();
    }

    @Test
    void balancedClassesNeverRepeatAClassTwiceInARow() {
        for (int classCount = 2; classCount <= 10; classCount++) {
            int[] counts = new int[classCount];
            Arrays.fill(counts, 30);
            int[] labels = Contexts.sortedLabels(counts);
            for (long seed = 0; seed < 20; seed++) {
                int[] order = order(labels, classCount, 1, seed);
                assertTrue(Contexts.isPermutation(order, labels.length));
                for (int i = 1; i < order.length; i++) {
                    assertNotEquals(labels[order[i - 1]], labels[order[i]],
                            classCount + " classes, seed " + seed + ", position " + i);
                }
            }
        }
    }

    @Test
    void unbalancedClassesAreSpreadEvenlyOverTheEpoch() {
        int[] counts = {60, 30, 10};
        int[] labels = Contexts.sortedLabels(counts);
        int n = labels.length;
        for (long seed = 0; seed < 50; seed++) {
            int[] order = order(labels, 3, 1, seed);
            assertTrue(Contexts.isPermutation(order, n));
            int[] seen = new int[3];
            for (int m = 1; m <= n; m++) {
                seen[labels[order[m - 1]]]++;
                for (int c = 0; c < 3; c++) {
                    // Class c holds the positions (k + u_c) / n_c; a prefix of m examples is the set of
                    // positions below some x with m within C of x n, so its count of class c is
                    // m n_c / n within 1 + C n_c / n (derivation in the class javadoc).
                    double expected = (double) m * counts[c] / n;
                    double bound = 1 + 3.0 * counts[c] / n;
                    assertTrue(Math.abs(seen[c] - expected) <= bound + 1e-12,
                            "seed " + seed + " prefix " + m + " class " + c + ": " + seen[c] + " vs " + expected);
                }
            }
        }
    }

    @Test
    void eachClassIsShuffledWithinItself() {
        int[] labels = Contexts.sortedLabels(50, 50);
        int[] first = order(labels, 2, 1, 7);
        int[] second = order(labels, 2, 2, 8);
        assertTrue(!Arrays.equals(first, second), "orders of two epochs with different streams coincide");
        // The examples of class 0 must not come out in stored order: probability 1/50! if shuffled.
        int[] classZero = Arrays.stream(first).filter(i -> labels[i] == 0).toArray();
        int[] sorted = classZero.clone();
        Arrays.sort(sorted);
        assertTrue(!Arrays.equals(classZero, sorted));
    }

    @Test
    void sameSeedGivesTheSameOrder() {
        int[] labels = Contexts.sortedLabels(40, 25, 35);
        assertArrayEquals(order(labels, 3, 2, 99), order(labels, 3, 2, 99));
    }

    @Test
    void regressionFallsBackToTheShuffle() {
        Sampler.Context regression = new Sampler.Context(50, null, 0, 1, 4, new SplittableRandom(5));
        Sampler.Context sameStream = new Sampler.Context(50, null, 0, 1, 4, new SplittableRandom(5));
        int[] interleaved = sampler.plan(regression, null, sampler.defaults()).order();
        int[] shuffled = new ShuffleSampler().plan(sameStream, null, sampler.defaults()).order();
        assertArrayEquals(shuffled, interleaved);
    }

    @Test
    void emptyClassesAreSkipped() {
        int[] labels = {0, 2, 0, 2, 2, 0};
        int[] order = order(labels, 4, 1, 3);
        assertTrue(Contexts.isPermutation(order, labels.length));
        for (int i = 1; i < order.length; i++) {
            assertNotEquals(labels[order[i - 1]], labels[order[i]]);
        }
    }

    @Test
    void rejectsALabelOutsideTheClassCount() {
        assertThrows(IllegalArgumentException.class, () -> order(new int[] {0, 1, 3}, 3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> order(new int[] {0, -1}, 2, 1, 1));
    }
}
