package org.ebp.engine.training;

/**
 * Training stopped because it went wrong (divergence, NaN, non-finite weights) and the weights were
 * restored; the message is one line for the user, saying what happened and what to try.
 */
public final class TrainingFailedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TrainingFailedException(String message) {
        super(message);
    }
}
