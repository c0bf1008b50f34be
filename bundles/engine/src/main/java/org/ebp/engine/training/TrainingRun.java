package org.ebp.engine.training;

/** What one train call runs: validated settings, fixed for the whole run. */
public record TrainingRun(int epochs, int batch, String evalSplit, long seed) {
}
