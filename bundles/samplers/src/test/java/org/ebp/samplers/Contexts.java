package org.ebp.samplers;

import java.util.SplittableRandom;
import org.ebp.api.optim.Sampler;

/** Sampler contexts for tests. */
final class Contexts {

    private Contexts() {
    }

    static Sampler.Context regression(int size, int epoch, int batchSize, long seed) {
        return new Sampler.Context(size, null, 0, epoch, batchSize, new SplittableRandom(seed));
    }

    static Sampler.Context classified(int[] labels, int classCount, int epoch, int batchSize, long seed) {
        return new Sampler.Context(labels.length, labels, classCount, epoch, batchSize, new SplittableRandom(seed));
    }

    /** Labels sorted by class, the worst order for stochastic learning (sec. 1.4.2). */
    static int[] sortedLabels(int... countPerClass) {
        int total = 0;
        for (int c : countPerClass) {
            total += c;
        }
        int[] labels = new int[total];
        int i = 0;
        for (int c = 0; c < countPerClass.length; c++) {
            for (int k = 0; k < countPerClass[c]; k++) {
                labels[i++] = c;
            }
        }
        return labels;
    }

    /** True when {@code order} holds every index of {@code 0..size-1} exactly once. */
    static boolean isPermutation(int[] order, int size) {
        if (order.length != size) {
            return false;
        }
        boolean[] seen = new boolean[size];
        for (int i : order) {
            if (i < 0 || i >= size || seen[i]) {
                return false;
            }
            seen[i] = true;
        }
        return true;
    }
}
