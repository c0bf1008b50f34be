package org.ebp.engine.training;

/**
 * What one train call runs: validated settings, fixed for the whole run.
 *
 * @param group   names related runs (a sweep) in their run records; null for none
 * @param diverge the run stops (and restores the epoch's start) when a running-mean loss exceeds
 *                this factor times the run's best; 0 turns that check off (NaN and Inf still stop it)
 */
public record TrainingRun(int epochs, int batch, String evalSplit, long seed, String group, double diverge) {

    /** The divergence factor of train when none is given. */
    public static final double DEFAULT_DIVERGE = 10;
}
