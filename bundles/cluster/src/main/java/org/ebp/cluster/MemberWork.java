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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebp.api.runs.RunRecords;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingListener;

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
    private final RunRecords records;
    private volatile String self = "?";
    /** The threads running each caller's tasks now. */
    private final Map<UUID, Set<Thread>> running = new ConcurrentHashMap<>();
    /** The thread running each task now, by task id. */
    private final Map<String, Thread> tasks = new ConcurrentHashMap<>();
    /** Tasks cancelled before they started here (the cancel can overtake the task); bounded by the caller's runs. */
    private final Set<String> cancelledEarly = ConcurrentHashMap.newKeySet();

    /** @param records this member's run records (their run comes back to the caller), or null */
    MemberWork(RecipeRunner runner, RecipeCodec codec, ComponentCatalog catalog, DataFingerprints fingerprints,
               RunRecords records) {
        this.records = records;
        this.runner = runner;
        this.codec = codec;
        this.catalog = catalog;
        this.fingerprints = fingerprints;
    }

    /** This member's address, as replies name it. */
    void named(String address) {
        this.self = address;
    }

    String run(String recipeJson, String group, String dataHash, UUID caller, String taskId) {
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
        tasks.put(taskId, Thread.currentThread());
        if (cancelledEarly.remove(taskId)) {
            Thread.currentThread().interrupt();
        }
        try {
            RecordedAs recorded = new RecordedAs();
            RecipeResult result = runner.run(recipe, group, recorded);
            return TaskCodec.done(self, result, recordText(recorded.id));
        } catch (RuntimeException e) {
            // a recipe this member cannot run is the same for every member: the caller reports it as the run's failure
            return TaskCodec.failed(self, String.valueOf(e.getMessage()));
        } finally {
            mine.remove(Thread.currentThread());
            tasks.remove(taskId);
            Thread.interrupted(); // an executor thread goes back to its pool clean
        }
    }

    private String recordText(String id) {
        if (records == null || id == null) {
            return null;
        }
        try {
            return records.export(id);
        } catch (RuntimeException e) {
            return null; // the result still goes back; the caller's records then lack this run, and the member keeps it
        }
    }

    /**
     * Hears the run's record id from the engine's closing note ("recorded as run 12 (runs show 12)"),
     * the one place the id of a run made by RecipeRunner.run is told.
     */
    private static final class RecordedAs implements TrainingListener {
        private static final Pattern NOTE = Pattern.compile("recorded as run (\\d+)\\b.*");
        volatile String id;

        @Override
        public void epochFinished(EpochReport report) {
        }

        @Override
        public void message(String text) {
            Matcher m = NOTE.matcher(text);
            if (m.matches()) {
                id = m.group(1);
            }
        }
    }

    /**
     * The caller stopped its study (Ctrl-C, stop): the task stops at its next step boundary. Hazelcast's
     * own cancel does not interrupt a task that is already running, hence this message of our own.
     */
    void cancel(String taskId) {
        Thread t = tasks.get(taskId);
        if (t != null) {
            t.interrupt();
        } else if (cancelledEarly.size() < 10_000) {
            cancelledEarly.add(taskId);
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
