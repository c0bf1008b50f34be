package org.ebp.engine.persist;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.State;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;

/**
 * A checkpoint as a JSON file: everything the next step of a run depends on.
 * <pre>
 * {"format": "ebp-checkpoint", "version": 1,
 *  "model": {an ebp-model document: network, layout, weights, optimizer with state, progress, transforms},
 *  "schedule": {"name": "annealing", "settings": {...}, "state": {"arrays": {}, "scalars": {...}}},
 *  "sampler": {"name": "emphasize", "settings": {...}, "state": {...}},
 *  "run": {"seed": 1, "batch": 1, "eval": "test", "trainingSize": 1438},
 *  "record": {"runId": "12", "epochs": [{"epoch": 1, "step": 1438, "trainLoss": 0.91, ...}, ...]}}
 * </pre>
 * Every random stream of a run is a {@link java.util.SplittableRandom} seeded from plain data:
 * the example order of epoch e from the run seed and e, so the seed and the epoch are its whole
 * state. A state is null when the component had not made one yet.
 */
public final class CheckpointCodec {

    public static final String FORMAT = "ebp-checkpoint";
    public static final int VERSION = 1;

    /** A component in use with its settings and state (null when it has none yet). */
    public record Part(String name, Map<String, String> settings, State state) {
        public Part {
            java.util.Objects.requireNonNull(name, "name");
            settings = Map.copyOf(settings);
            state = state == null ? null : state.copy();
        }

        @Override
        public State state() {
            return state == null ? null : state.copy();
        }
    }

    /**
     * What a checkpoint holds.
     *
     * @param model        the model file's content (optimizer state, epoch and step included)
     * @param seed         the example-order seed of the run
     * @param batch        the run's batch setting
     * @param evalSplit    the run's evaluated split, or null
     * @param trainingSize examples in the training split it trained on
     * @param runId        the run record's id, or null
     * @param epochs       the per-epoch metrics of the network's training so far
     */
    public record Checkpoint(ModelCodec.ModelFile model, Part schedule, Part sampler, long seed, int batch, String evalSplit,
                             int trainingSize, String runId, List<EpochReport> epochs) {
        public Checkpoint {
            java.util.Objects.requireNonNull(model, "model");
            java.util.Objects.requireNonNull(schedule, "schedule");
            java.util.Objects.requireNonNull(sampler, "sampler");
            epochs = List.copyOf(epochs);
        }
    }

    private CheckpointCodec() {
    }

    static JsonObject toJson(Checkpoint c) {
        JsonObject root = JsonDocuments.document(FORMAT, VERSION);
        root.add("model", ModelCodec.toJson(c.model()));
        root.add("schedule", part(c.schedule()));
        root.add("sampler", part(c.sampler()));
        JsonObject run = new JsonObject();
        run.addProperty("seed", c.seed());
        run.addProperty("batch", c.batch());
        if (c.evalSplit() != null) {
            run.addProperty("eval", c.evalSplit());
        }
        run.addProperty("trainingSize", c.trainingSize());
        root.add("run", run);
        JsonObject record = new JsonObject();
        if (c.runId() != null) {
            record.addProperty("runId", c.runId());
        }
        JsonArray epochs = new JsonArray();
        for (EpochReport r : c.epochs()) {
            JsonObject o = new JsonObject();
            o.addProperty("epoch", r.epoch());
            o.addProperty("step", r.step());
            o.addProperty("trainLoss", r.trainLoss());
            if (r.evalSplit() != null) {
                o.addProperty("evalSplit", r.evalSplit());
            }
            o.addProperty("evalLoss", r.evalLoss());
            o.addProperty("evalAccuracy", r.evalAccuracy());
            o.addProperty("learningRate", r.learningRate());
            o.addProperty("seconds", r.seconds());
            epochs.add(o);
        }
        record.add("epochs", epochs);
        root.add("record", record);
        return root;
    }

    private static JsonObject part(Part p) {
        JsonObject o = new JsonObject();
        o.addProperty("name", p.name());
        o.add("settings", JsonDocuments.strings(p.settings()));
        if (p.state() != null) {
            o.add("state", JsonDocuments.state(p.state()));
        }
        return o;
    }

    /** Writes the checkpoint atomically through {@link org.ebp.io.SafeFiles}. */
    public static void write(Path file, Checkpoint checkpoint) throws IOException {
        JsonDocuments.writeAtomically(file, toJson(checkpoint));
    }

    /**
     * Reads a checkpoint and checks it as a model file is checked (layout, finite weights), plus
     * finite optimizer, schedule and sampler states.
     *
     * @throws DataFormatException naming the file and the problem
     */
    public static Checkpoint read(Path file) throws DataFormatException {
        return fromFields(JsonDocuments.read(file, FORMAT, VERSION));
    }

    static Checkpoint fromText(String source, String text) throws DataFormatException {
        return fromFields(JsonDocuments.parse(source, text, FORMAT, VERSION));
    }

    private static Checkpoint fromFields(JsonDocuments.Fields f) throws DataFormatException {
        ModelCodec.ModelFile model = ModelCodec.fileFromFields(f.object("model"));
        if (model.model().optimizerState() != null) {
            checkFinite(f, "model.optimizer.state", model.model().optimizerState());
        }
        Part schedule = part(f, "schedule");
        Part sampler = part(f, "sampler");
        JsonDocuments.Fields run = f.object("run");
        int batch = run.integer("batch");
        if (batch < 1) {
            throw f.problem("field 'run.batch' must be at least 1, not " + batch);
        }
        JsonDocuments.Fields record = f.object("record");
        List<EpochReport> epochs = new ArrayList<>();
        for (JsonDocuments.Fields e : record.objects("epochs")) {
            epochs.add(new EpochReport(e.count("epoch"), e.longInteger("step"), e.number("trainLoss"),
                    e.optionalString("evalSplit"), e.number("evalLoss"), e.number("evalAccuracy"), e.number("learningRate"),
                    e.number("seconds")));
        }
        return new Checkpoint(model, schedule, sampler, run.longInteger("seed"), batch, run.optionalString("eval"),
                run.count("trainingSize"), record.optionalString("runId"), epochs);
    }

    private static Part part(JsonDocuments.Fields f, String name) throws DataFormatException {
        JsonDocuments.Fields p = f.object(name);
        State state = p.has("state") ? p.state("state") : null;
        if (state != null) {
            checkFinite(f, name + ".state", state);
        }
        return new Part(p.string("name"), p.strings("settings"), state);
    }

    private static void checkFinite(JsonDocuments.Fields f, String where, State state) throws DataFormatException {
        for (Map.Entry<String, double[]> e : state.arrays().entrySet()) {
            double[] a = e.getValue();
            for (int i = 0; i < a.length; i++) {
                if (!Double.isFinite(a[i])) {
                    throw f.problem("field '" + where + "' array '" + e.getKey() + "' element " + i + " is " + a[i]
                            + ", not a finite number");
                }
            }
        }
        // scalars may hold NaN or infinity as markers (no previous loss yet); arrays are values
    }
}
