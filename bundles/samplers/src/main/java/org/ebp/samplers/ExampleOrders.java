package org.ebp.samplers;

import java.util.SplittableRandom;
import org.ebp.api.optim.Sampler;

/** Orders shared by the samplers, and the checks every sampler makes on its context. */
final class ExampleOrders {

    private ExampleOrders() {
    }

    /** {@code 0, 1, ..., size-1}: the stored order. */
    static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * Fisher-Yates (Durstenfeld) shuffle of {@code order[from..to)} in place: every permutation of
     * the range is equally likely, given a uniform {@code random}.
     */
    static void shuffle(int[] order, int from, int to, SplittableRandom random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** A fresh uniformly random permutation of {@code 0..size-1}. */
    static int[] permutation(int size, SplittableRandom random) {
        int[] order = identity(size);
        shuffle(order, 0, size, random);
        return order;
    }

    /**
     * Rejects a context no sampler can plan for: a negative size, a batch size below 1, labels
     * of the wrong length or outside {@code 0..classCount-1}, a missing random stream.
     */
    static void check(Sampler.Context context, String sampler) {
        if (context == null) {
            throw new IllegalArgumentException("sampler '" + sampler + "' got no context");
        }
        if (context.size() < 0) {
            throw new IllegalArgumentException("sampler '" + sampler + "': training set size " + context.size()
                    + " is negative");
        }
        if (context.batchSize() < 1) {
            throw new IllegalArgumentException("sampler '" + sampler + "': batch size " + context.batchSize()
                    + " is below 1; use batch=1 for online learning or a larger mini-batch");
        }
        if (context.epoch() < 1) {
            throw new IllegalArgumentException("sampler '" + sampler + "': epoch " + context.epoch()
                    + " is below 1; epochs count from 1");
        }
        if (context.random() == null) {
            throw new IllegalArgumentException("sampler '" + sampler + "' needs the run's sampling random stream");
        }
        int[] labels = context.labels();
        if (labels != null) {
            if (labels.length != context.size()) {
                throw new IllegalArgumentException("sampler '" + sampler + "': " + labels.length + " labels for "
                        + context.size() + " examples; give one label per training example");
            }
            if (context.classCount() < 0) {
                throw new IllegalArgumentException("sampler '" + sampler + "': class count " + context.classCount()
                        + " is negative");
            }
            if (context.classCount() > 0) {
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] < 0 || labels[i] >= context.classCount()) {
                        throw new IllegalArgumentException("sampler '" + sampler + "': example " + i + " has class "
                                + labels[i] + ", outside 0.." + (context.classCount() - 1));
                    }
                }
            }
        }
    }

    /** True when the context describes a classification set (labels and at least one class). */
    static boolean classified(Sampler.Context context) {
        return context.labels() != null && context.classCount() > 0;
    }
}
