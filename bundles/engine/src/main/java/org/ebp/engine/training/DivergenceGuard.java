package org.ebp.engine.training;

/**
 * Watches one training run for divergence: a loss above {@code factor} times the run's best. The
 * best starts at the loss measured on the training set when the run starts (so a rate that blows
 * up a trained network in its first steps is caught) and falls with every window and epoch mean.
 *
 * <p>The step losses are averaged over windows of about {@link #WINDOW_EXAMPLES} examples, so a
 * long epoch is checked many times while a few hard examples in a mini-batch (the noise of online
 * learning) cannot trigger it. NaN and infinite losses are the loop's own check. Guarded by the
 * session's lock, like the loop.
 */
public final class DivergenceGuard {

    /** Examples per window of the running mean; also the size of the subset the baseline is measured on. */
    public static final int WINDOW_EXAMPLES = 1000;

    private final double factor;
    private final int windowExamples;
    private double best;
    private double windowSum;
    private long windowCount;

    /**
     * @param factor         divergence threshold relative to the best loss; 0 turns the check off
     * @param trainingSize   examples in the training set (a window is never longer than an epoch)
     * @param baseline       loss at the start of the run, or NaN when unknown
     */
    public DivergenceGuard(double factor, int trainingSize, double baseline) {
        this.factor = factor;
        this.windowExamples = Math.max(1, Math.min(WINDOW_EXAMPLES, trainingSize));
        this.best = Double.isFinite(baseline) ? baseline : Double.POSITIVE_INFINITY;
    }

    /** A description of the divergence, or null while the loss stays within bounds. */
    public record Verdict(double mean, double best, long examples) {
    }

    /**
     * Adds one step's mean loss over {@code count} examples; when a window is full, compares its
     * mean with the best so far.
     *
     * @return the divergence, or null
     */
    public Verdict stepLoss(double loss, int count) {
        windowSum += loss * count;
        windowCount += count;
        if (windowCount < windowExamples) {
            return null;
        }
        double mean = windowSum / windowCount;
        long examples = windowCount;
        windowSum = 0;
        windowCount = 0;
        return check(mean, examples);
    }

    /** Compares an epoch's mean loss with the best so far; a new epoch starts a new window. */
    public Verdict epochLoss(double mean, long examples) {
        windowSum = 0;
        windowCount = 0;
        return check(mean, examples);
    }

    private Verdict check(double mean, long examples) {
        if (factor > 0 && mean > factor * best) {
            return new Verdict(mean, best, examples);
        }
        best = Math.min(best, mean);
        return null;
    }

    /** The factor as the user typed it: 10, not 10.0. */
    public String factorText() {
        return factor == Math.rint(factor) && Math.abs(factor) < 1e15 ? Long.toString((long) factor) : Float.toString((float) factor);
    }
}
