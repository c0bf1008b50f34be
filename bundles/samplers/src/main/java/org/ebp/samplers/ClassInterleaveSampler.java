package org.ebp.samplers;

import java.util.SplittableRandom;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Sampler;
import org.osgi.service.component.annotations.Component;

/**
 * Round-robin over the classes, each class shuffled, so that successive examples rarely share a
 * class (section 1.4.2: "shuffle the training set so that successive training examples never
 * (rarely) belong to the same class").
 *
 * <p>How: each class {@code c} with {@code n_c} examples is shuffled, and its {@code k}-th example
 * is given the position {@code (k + u_c) / n_c} in the unit interval, with one offset
 * {@code u_c ~ U[0,1)} drawn per class and epoch; the epoch presents all examples by increasing
 * position. For balanced classes this is exactly a round-robin whose class order is drawn each
 * epoch, so no two consecutive examples share a class. For unbalanced classes it is a weighted
 * round-robin: every class is spread evenly over the whole epoch (in any prefix of {@code m}
 * examples, class {@code c} has {@code m n_c / n} examples within {@code 1 + C n_c / n}),
 * instead of the plain round-robin's run of leftovers of the largest class at the end.
 *
 * <p>A regression set (no labels or no classes) has nothing to interleave: it is shuffled.
 */
@Component(service = Sampler.class, property = {"ebp.kind=sampler", "ebp.name=" + ClassInterleaveSampler.NAME})
public final class ClassInterleaveSampler implements Sampler {

    static final String NAME = "class-interleave";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "round-robin over classes, each class shuffled, so successive examples rarely share a class "
                + "(sec. 1.4.2); regression sets are shuffled";
    }

    @Override
    public EpochPlan plan(Context context, State state, Settings settings) {
        ExampleOrders.check(context, NAME);
        if (!ExampleOrders.classified(context)) {
            return new EpochPlan(ExampleOrders.permutation(context.size(), context.random()), context.batchSize());
        }
        return new EpochPlan(interleave(context.labels(), context.classCount(), context.random()), context.batchSize());
    }

    private static int[] interleave(int[] labels, int classCount, SplittableRandom random) {
        int n = labels.length;
        // Counting sort by class: byClass[start[c] .. start[c+1]) holds the examples of class c.
        int[] start = new int[classCount + 1];
        for (int label : labels) {
            start[label + 1]++;
        }
        for (int c = 0; c < classCount; c++) {
            start[c + 1] += start[c];
        }
        int[] byClass = new int[n];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            byClass[fill[labels[i]]++] = i;
        }
        double[] offset = new double[classCount];
        for (int c = 0; c < classCount; c++) {
            ExampleOrders.shuffle(byClass, start[c], start[c + 1], random);
            offset[c] = random.nextDouble();
        }
        // Merge the classes by position (k + u_c) / n_c with a binary min-heap of classes.
        int[] taken = new int[classCount];
        int[] heap = new int[classCount];
        int heapSize = 0;
        for (int c = 0; c < classCount; c++) {
            if (start[c + 1] > start[c]) {
                heap[heapSize++] = c;
            }
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(heap, heapSize, i, taken, start, offset);
        }
        int[] order = new int[n];
        for (int out = 0; out < n; out++) {
            int c = heap[0];
            order[out] = byClass[start[c] + taken[c]];
            taken[c]++;
            if (taken[c] == start[c + 1] - start[c]) {
                heap[0] = heap[--heapSize];
            }
            siftDown(heap, heapSize, 0, taken, start, offset);
        }
        return order;
    }

    private static double position(int c, int[] taken, int[] start, double[] offset) {
        return (taken[c] + offset[c]) / (start[c + 1] - start[c]);
    }

    /** Ties (probability zero) go to the lower class index, so the merge is deterministic. */
    private static boolean before(int a, int b, int[] taken, int[] start, double[] offset) {
        double pa = position(a, taken, start, offset);
        double pb = position(b, taken, start, offset);
        return pa < pb || (pa == pb && a < b);
    }

    private static void siftDown(int[] heap, int size, int i, int[] taken, int[] start, double[] offset) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int child = left + 1 < size && before(heap[left + 1], heap[left], taken, start, offset) ? left + 1 : left;
            if (!before(heap[child], heap[i], taken, start, offset)) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[child];
            heap[child] = t;
            i = child;
        }
    }
}
