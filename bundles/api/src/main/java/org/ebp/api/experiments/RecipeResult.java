package org.ebp.api.experiments;

import java.util.List;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;

/**
 * How one run of a recipe ended.
 *
 * @param epochs      one report per finished epoch
 * @param train       the final network on the {@code train} split
 * @param test        the final network on the {@code test} split, or null when the recipe has none
 * @param wallSeconds wall time of the whole run (loading, transforms, training, evaluation)
 * @param outcome     "completed", or "stopped after N epochs" when it was interrupted
 */
public record RecipeResult(List<EpochReport> epochs, Evaluation train, Evaluation test, double wallSeconds,
                           String outcome) {

    public RecipeResult {
        epochs = List.copyOf(epochs);
    }

    public boolean completed() {
        return "completed".equals(outcome);
    }
}
