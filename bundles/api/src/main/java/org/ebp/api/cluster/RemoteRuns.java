package org.ebp.api.cluster;

import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs recipes on the members of a cluster instead of this machine's cores: what an ablation or a
 * sweep uses while {@code cluster start} is in force. Thread-safe: a study calls {@link #run} from
 * as many threads as {@link #slots()} says.
 */
@ProviderType
public interface RemoteRuns {

    /** Runs the members can take at once now (the sum of their cores), 0 when no cluster is up. */
    int slots();

    /** One line for the study's header, e.g. {@code 3 members, 6 cores}. */
    String describe();

    /**
     * Runs the recipe on a member and returns its result, as {@code RecipeRunner.run} would here
     * (same recipe, same numbers). Blocks the calling thread. A member that declines (different data,
     * a missing component) or leaves meanwhile is passed over and the run starts again elsewhere from
     * the same seed. An interrupt of the caller cancels the run on its member.
     *
     * @param group the run records' group, or null
     * @throws IllegalStateException in one line naming each member and what it lacks, when no member can run it
     */
    RecipeResult run(Recipe recipe, String group);
}
