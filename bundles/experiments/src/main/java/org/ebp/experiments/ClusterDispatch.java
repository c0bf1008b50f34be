package org.ebp.experiments;

import java.util.List;
import org.ebp.api.cluster.RemoteRuns;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.TrainingSession;

/**
 * A study's runs sent to the cluster's members instead of this machine's cores: the study's one
 * point of contact with the cluster, so that ParallelRuns stays as it is (one thread per run at
 * once, here one per member core).
 */
final class ClusterDispatch implements RecipeRunner {

    private final RemoteRuns cluster;
    private final RecipeRunner local;
    private final int slots;

    private ClusterDispatch(RemoteRuns cluster, RecipeRunner local, int slots) {
        this.cluster = cluster;
        this.local = local;
        this.slots = slots;
    }

    /** The dispatch while a cluster is up, else null (the runs stay on this machine). */
    static ClusterDispatch of(RemoteRuns cluster, RecipeRunner local) {
        int slots = cluster == null ? 0 : cluster.slots();
        return slots > 0 ? new ClusterDispatch(cluster, local, slots) : null;
    }

    int slots() {
        return slots;
    }

    String describe() {
        return cluster.describe();
    }

    /** On a member; the listener is not sent along (the study passes none). */
    @Override
    public RecipeResult run(Recipe recipe, String group, TrainingListener listener) {
        return cluster.run(recipe, group);
    }

    @Override
    public Recipe recipeOf(TrainingSession session, int epochs) {
        return local.recipeOf(session, epochs);
    }

    @Override
    public List<EpochReport> runIn(TrainingSession session, Recipe recipe, TrainingListener listener) {
        return local.runIn(session, recipe, listener);
    }
}
