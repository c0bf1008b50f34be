package org.ebp.engine.session;

import org.ebp.api.session.EpochReport;

/**
 * Early stopping: after every epoch, compares the monitored loss with the best so far, keeps a
 * copy of the weights of the best epoch, and ends the run when the loss has not improved for
 * {@code patience} epochs. At the end of the run (stopped early or not) the best epoch's weights
 * are put back, so the network is the one that did best on the monitored split.
 */
final class EarlyStopping {

    /** What {@code train patience=N monitor=SPLIT} asks for; patience 0 is off. */
    record Rule(int patience, String monitor) {

        boolean active() {
            return patience > 0;
        }
    }

    private final Rule rule;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private double[] bestWeights;
    private int sinceBest;

    EarlyStopping(Rule rule) {
        this.rule = rule;
    }

    Rule rule() {
        return rule;
    }

    /**
     * Takes an epoch's monitored loss (lock held, {@code weights} the network's current weights).
     *
     * @return true when the run should stop: no improvement for {@code patience} epochs
     */
    boolean afterEpoch(EpochReport report, double monitoredLoss, double[] weights) {
        if (monitoredLoss < bestLoss) {
            bestLoss = monitoredLoss;
            bestEpoch = report.epoch();
            if (bestWeights == null) {
                bestWeights = weights.clone();
            } else {
                System.arraycopy(weights, 0, bestWeights, 0, weights.length);
            }
            sinceBest = 0;
            return false;
        }
        sinceBest++;
        return sinceBest >= rule.patience();
    }

    /**
     * Puts the best epoch's weights back (lock held) when a later epoch is the current one.
     *
     * @param lastEpoch the epoch the weights are from now
     * @param stopped   whether {@link #afterEpoch} ended the run
     * @return what happened, for the user and the run record; null when nothing was monitored
     */
    String restoreBest(double[] weights, int lastEpoch, boolean stopped) {
        if (bestEpoch < 0) {
            return null;
        }
        String loss = rule.monitor() + " loss " + Formats.number(bestLoss);
        String why = stopped ? "early stop after epoch " + lastEpoch + ": " + rule.monitor() + " loss has not improved for "
                + rule.patience() + " epoch" + (rule.patience() == 1 ? "" : "s") + "; " : "";
        if (bestEpoch == lastEpoch) {
            return why + "the last epoch " + lastEpoch + " is the best (" + loss + "); weights kept";
        }
        if (bestWeights.length != weights.length) {
            return why + "the network changed during the run; weights of epoch " + lastEpoch + " kept";
        }
        System.arraycopy(bestWeights, 0, weights, 0, weights.length);
        return why + "weights restored to epoch " + bestEpoch + " (" + loss + ")";
    }
}
