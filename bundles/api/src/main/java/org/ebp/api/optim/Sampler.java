package org.ebp.api.optim;

import java.util.SplittableRandom;
import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Chooses the order in which training examples are presented, epoch by epoch (section 1.4.2),
 * and the mini-batch size. Registered with {@code ebp.kind=sampler}.
 *
 * <p>Its state, made by {@code init} when the sampler is chosen and checkpointed by name: the
 * built-in {@code emphasize} keeps {@code errors} (array: the last observed error of each
 * training example, section 1.4.2's emphasizing scheme); the other built-ins keep none.
 */
@ConsumerType
public interface Sampler extends Component {

    /**
     * The training set as a sampler sees it.
     *
     * @param size       number of training examples
     * @param labels     class of each example, or null for regression
     * @param classCount number of classes (0 for regression)
     * @param epoch      the epoch about to start, from 1
     * @param batchSize  the mini-batch size the user asked for
     * @param random     the sampling stream for this epoch, seeded from the run's seed and the epoch
     */
    record Context(int size, int[] labels, int classCount, int epoch, int batchSize, SplittableRandom random) {
    }

    /**
     * One epoch's plan.
     *
     * @param order     example indices in presentation order (may repeat or omit examples)
     * @param batchSize mini-batch size for this epoch
     */
    record EpochPlan(int[] order, int batchSize) {
    }

    default State init(Context context, Settings settings) {
        return new State();
    }

    EpochPlan plan(Context context, State state, Settings settings);

    /** True when the sampler wants per-example errors through {@link #observe}. */
    default boolean observesErrors() {
        return false;
    }

    /** Per-example losses of the examples just presented. */
    default void observe(int[] examples, double[] errors, int count, State state, Settings settings) {
    }
}
