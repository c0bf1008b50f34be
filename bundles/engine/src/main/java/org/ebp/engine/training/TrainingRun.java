package org.ebp.engine.training;

/**
 * What one train call runs: validated settings, fixed for the whole run. {@code group} names
 * related runs (a sweep) in their run records; null for none.
 */
public record TrainingRun(int epochs, int batch, String evalSplit, long seed, String group) {
}
