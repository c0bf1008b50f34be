package org.ebp.api.session;

/**
 * One line of training progress.
 *
 * @param epoch        epoch just finished, from 1 (counting across train calls)
 * @param step         optimizer steps taken so far
 * @param trainLoss    mean training loss over the epoch's steps
 * @param evalSplit    name of the split evaluated after the epoch, or null
 * @param evalLoss     loss on it (NaN when none)
 * @param evalAccuracy accuracy on it in [0, 1] (NaN when none or regression)
 * @param learningRate rate of the last step (NaN when the optimizer has none)
 * @param seconds      wall time of the epoch
 */
public record EpochReport(int epoch, long step, double trainLoss, String evalSplit, double evalLoss,
                          double evalAccuracy, double learningRate, double seconds) {
}
