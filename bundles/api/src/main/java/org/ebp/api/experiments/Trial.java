package org.ebp.api.experiments;

/**
 * One configuration of a study.
 *
 * @param label  short name in the table, e.g. {@code recipe}, {@code no-shuffling}, {@code lr=0.01}
 * @param change what differs from the study's recipe, in words or as settings ("" for the recipe itself)
 */
public record Trial(String label, String change, Recipe recipe) {
}
