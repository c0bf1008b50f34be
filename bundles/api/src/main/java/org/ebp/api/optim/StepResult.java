package org.ebp.api.optim;

/**
 * Outcome of one optimizer step.
 *
 * @param loss        batch loss at the weights before the step
 * @param evaluations loss or gradient evaluations used
 * @param message     null normally; a one-line note (e.g. "line search failed; memory reset")
 * @param stop        true when the optimizer cannot make progress and training should stop
 */
public record StepResult(double loss, int evaluations, String message, boolean stop) {
    public static StepResult of(double loss) {
        return new StepResult(loss, 1, null, false);
    }
}
