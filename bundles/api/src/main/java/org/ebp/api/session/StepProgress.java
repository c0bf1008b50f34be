package org.ebp.api.session;

/**
 * Where a training run is inside an epoch: what an updating progress line shows (and {@code status}
 * during training). Sent a few times a second, not at every step.
 *
 * @param epoch             the epoch being run (1 for the first)
 * @param stepInEpoch       optimizer steps done in this epoch
 * @param stepsInEpoch      optimizer steps the epoch has
 * @param step              optimizer steps done in total
 * @param examplesPerSecond training examples per second in this epoch so far
 * @param secondsLeft       estimated seconds to the end of the epoch's steps (evaluation not included)
 * @param runningLoss       mean training loss of this epoch's steps so far
 * @since 1.2
 */
public record StepProgress(int epoch, long stepInEpoch, long stepsInEpoch, long step, double examplesPerSecond,
                           double secondsLeft, double runningLoss) {
}
