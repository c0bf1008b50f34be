package org.ebp.api.experiments;

import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.TrainingSession;
import org.osgi.annotation.versioning.ProviderType;

/** Turns a session's setup into a recipe, and runs recipes in sessions of their own. Thread-safe. */
@ProviderType
public interface RecipeRunner {

    /**
     * The recipe that makes the session's current network again.
     *
     * @param epochs epochs to train, or 0 for as many as the session has trained
     * @throws IllegalStateException naming what is missing (no data, no network made with net, nothing trained)
     */
    Recipe recipeOf(TrainingSession session, int epochs);

    /**
     * Runs the recipe in a new session that is closed afterwards (the current session is not
     * touched), recording the run in the workbench's run records under {@code group}. Runs on the
     * calling thread; an interrupt stops training at the next step boundary and the result says
     * so. The same recipe gives the same numbers, alone or beside other runs.
     *
     * @param group    the run records' group, or null
     * @param listener gets every epoch (may be null)
     * @throws IllegalArgumentException naming the bad step when the recipe cannot be run
     */
    RecipeResult run(Recipe recipe, String group, TrainingListener listener);

    /**
     * Makes {@code session} what the recipe says and trains it there (as {@code experiment run}
     * does): how a sweep's best configuration is applied to the user's session.
     *
     * @return the epoch reports
     */
    java.util.List<org.ebp.api.session.EpochReport> runIn(TrainingSession session, Recipe recipe, TrainingListener listener);
}
