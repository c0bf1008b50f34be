package org.ebp.api.optim;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an optimizer needs; the engine checks it before training starts (or before a swap) and
 * refuses an impossible combination with a message that says why and what to use instead.
 *
 * @param fullBatch     true when steps must see the whole training set (line searches, BFGS)
 * @param squaredError  true when the loss must be half squared error (Gauss-Newton, LM)
 * @param capabilities  objective capabilities used
 * @param memoryBytes   extra memory the optimizer allocates for this layout
 * @param alternative   what to use instead when refused (one phrase), may be empty
 */
public record Requirements(boolean fullBatch, boolean squaredError, Set<Capability> capabilities,
                           long memoryBytes, String alternative) {

    public static final Requirements NONE = new Requirements(false, false, Set.of(), 0, "");

    public Requirements {
        capabilities = capabilities == null || capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        alternative = alternative == null ? "" : alternative;
    }

    /** Only memory: state arrays of {@code arrays} times the parameter count, in doubles. */
    public static Requirements stateArrays(int arrays, int dimension) {
        return new Requirements(false, false, Set.of(), 8L * arrays * dimension, "");
    }
}
