package org.ebp.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeCodec;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.session.ComponentCatalog;

/**
 * A member's side of a run: reads the recipe, declines it when a component it names is missing
 * here or the data (and split) hash differs from the caller's, else runs it in a session of its own
 * and answers with the result. Runs of a caller that leaves the cluster are interrupted (they stop
 * at their next step boundary): a study whose caller is gone has nobody to report to.
 */
final class MemberWork {

    /** Where a member's instance keeps this object (Hazelcast's user context). */
    static final String CONTEXT_KEY = "ebp.member-work";

    private final RecipeRunner runner;
    private final RecipeCodec codec;
    private final ComponentCatalog catalog;
    private final DataFingerprints fingerprints;
    private volatile String self = "?";
    /** The threads running each caller's tasks now. */
    private final Map<UUID, Set<Thread>> running = new ConcurrentHashMap<>();

    MemberWork(RecipeRunner runner, RecipeCodec codec, ComponentCatalog catalog, DataFingerprints fingerprints) {
        this.runner = runner;
        this.codec = codec;
        this.catalog = catalog;
        this.fingerprints = fingerprints;
    }

    /** This member's address, as replies name it. */
    void named(String address) {
        this.self = address;
    }

    String run(String recipeJson, String group, String dataHash, UUID caller) {
        Recipe recipe;
        try {
            recipe = codec.fromJson("the run from the caller", recipeJson);
        } catch (IllegalArgumentException e) {
            return TaskCodec.declined(self, "cannot read the recipe: " + e.getMessage());
        }
        List<String> missing = missing(recipe);
        if (!missing.isEmpty()) {
            return TaskCodec.declined(self, "has no " + String.join(", no ", missing));
        }
        String here;
        try {
            here = fingerprints.of(recipe);
        } catch (RuntimeException e) {
            return TaskCodec.declined(self, String.valueOf(e.getMessage()));
        }
        if (!here.equals(dataHash)) {
            return TaskCodec.declined(self, "has different data for " + recipe.data().name() + " (hash " + here.substring(0, 12)
                    + " here, " + dataHash.substring(0, Math.min(12, dataHash.length())) + " at the caller)");
        }
        Set<Thread> mine = running.computeIfAbsent(caller, k -> ConcurrentHashMap.newKeySet());
        mine.add(Thread.currentThread());
        try {
            RecipeResult result = runner.run(recipe, group, null);
            return TaskCodec.done(self, result);
        } catch (RuntimeException e) {
            // a recipe this member cannot run is the same for every member: the caller reports it as the run's failure
            return TaskCodec.failed(self, String.valueOf(e.getMessage()));
        } finally {
            mine.remove(Thread.currentThread());
            Thread.interrupted(); // an executor thread goes back to its pool clean
        }
    }

    /** The caller left: its runs here stop at their next step boundary. */
    void callerLeft(UUID caller) {
        Set<Thread> threads = running.remove(caller);
        if (threads != null) {
            threads.forEach(Thread::interrupt);
        }
    }

    /** The components the recipe names that this workbench does not have, as "optimizer adamw". */
    List<String> missing(Recipe r) {
        List<String> out = new ArrayList<>();
        need(out, ComponentKind.DATASET, r.data().name());
        r.transforms().forEach(t -> need(out, ComponentKind.TRANSFORM, t.name()));
        r.components().forEach((kind, step) -> {
            ComponentKind k = kindOf(kind);
            if (k != null) {
                need(out, k, step.name());
            }
        });
        Map<String, String> net = r.netSettings();
        need(out, ComponentKind.ACTIVATION, net.get("activation"));
        need(out, ComponentKind.ACTIVATION, net.get("output"));
        need(out, ComponentKind.INITIALIZER, net.get("init"));
        need(out, ComponentKind.LOSS, net.get("loss"));
        need(out, ComponentKind.TARGET_CODING, net.get("coding"));
        return out;
    }

    private void need(List<String> out, ComponentKind kind, String name) {
        if (name == null || name.equals("auto") || name.equals("none")) {
            return;
        }
        boolean have = catalog.list(kind).stream().anyMatch(e -> e.name().equals(name));
        if (!have) {
            out.add(kind.id() + " " + name);
        }
    }

    private static ComponentKind kindOf(String id) {
        for (ComponentKind k : ComponentKind.values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }
}
