package org.ebp.api.optim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an optimizer needs; the engine checks it before training starts (or before a swap) and
 * refuses an impossible combination with a message that says why and what to use instead.
 *
 * @param fullBatch     true when steps must see the whole training set (line searches, BFGS)
 * @param squaredError  true when the loss must be half squared error (Gauss-Newton, LM)
 * @param capabilities  objective capabilities used
 * @param memoryBytes   extra memory the optimizer allocates for this layout
 * @param alternative   what to use instead when refused: component names or a short phrase, e.g.
 *                      {@code "lbfgs"} or {@code "cg or lbfgs"}; the engine writes "use" before it
 *                      (a leading "use" given here is dropped), may be empty
 * @param losses        the loss names ({@code ebp.name} of kind loss, e.g. {@code mse},
 *                      {@code cross-entropy}) the optimizer accepts; empty for any (since 1.2.0)
 * @param minBatch      the smallest batch size it can work with, 1 for any (since 1.2.0)
 * @param maxBatch      the largest batch size it can work with, 0 for no limit (since 1.2.0)
 */
public record Requirements(boolean fullBatch, boolean squaredError, Set<Capability> capabilities,
                           long memoryBytes, String alternative, Set<String> losses, int minBatch, int maxBatch) {

    public static final Requirements NONE = new Requirements(false, false, Set.of(), 0, "");

    public Requirements {
        capabilities = capabilities == null || capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        alternative = alternative == null ? "" : alternative.trim();
        if (alternative.toLowerCase(Locale.ROOT).startsWith("use ")) {
            alternative = alternative.substring(4).trim();
        }
        losses = losses == null ? Set.of() : Set.copyOf(losses);
        minBatch = Math.max(1, minBatch);
        maxBatch = Math.max(0, maxBatch);
        if (maxBatch > 0 && maxBatch < minBatch) {
            throw new IllegalArgumentException("requirements: maxBatch " + maxBatch + " is below minBatch " + minBatch);
        }
    }

    /** Requirements without loss or batch-size limits (the 1.0 form). */
    public Requirements(boolean fullBatch, boolean squaredError, Set<Capability> capabilities, long memoryBytes,
                        String alternative) {
        this(fullBatch, squaredError, capabilities, memoryBytes, alternative, Set.of(), 1, 0);
    }

    /** Only memory: state arrays of {@code arrays} times the parameter count, in doubles. */
    public static Requirements stateArrays(int arrays, int dimension) {
        return new Requirements(false, false, Set.of(), 8L * arrays * dimension, "");
    }

    /** The same requirements accepting only these losses (since 1.2.0). */
    public Requirements withLosses(Set<String> accepted) {
        return new Requirements(fullBatch, squaredError, capabilities, memoryBytes, alternative, accepted, minBatch, maxBatch);
    }

    /** The same requirements with batch sizes limited to {@code [min, max]}, max 0 for none (since 1.2.0). */
    public Requirements withBatchSizes(int min, int max) {
        return new Requirements(fullBatch, squaredError, capabilities, memoryBytes, alternative, losses, min, max);
    }

    /** The same requirements with another alternative (since 1.2.0). */
    public Requirements withAlternative(String text) {
        return new Requirements(fullBatch, squaredError, capabilities, memoryBytes, text, losses, minBatch, maxBatch);
    }

    /** True when {@code loss} is one this optimizer accepts. */
    public boolean acceptsLoss(String loss) {
        return losses.isEmpty() || losses.contains(loss);
    }

    /** True when {@code batch} lies within the batch-size limits. */
    public boolean acceptsBatch(int batch) {
        return batch >= minBatch && (maxBatch == 0 || batch <= maxBatch);
    }
}
