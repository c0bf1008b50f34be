package org.ebp.engine.persist;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebp.api.data.DataFormatException;

/**
 * An experiment as a JSON file:
 * <pre>
 * {"format": "ebp-experiment", "version": 1,
 *  "data": {"name": "digits", "settings": {}},
 *  "split": {"train": "0.8", "test": "0.2", "seed": "1", "stratify": "true"},
 *  "transforms": [{"name": "standardize", "settings": {"target": "1.0"}}],
 *  "network": {"spec": "64-30-10", "settings": {"seed": "1"}},
 *  "components": {"optimizer": {"name": "sgd", "settings": {"lr": "0.01"}}, "schedule": {...}, "sampler": {...}},
 *  "train": {"epochs": 30, "settings": {"batch": "1"}}}
 * </pre>
 * {@code split} is absent for unsplit data (or a source's official splits); {@code compute} is in
 * {@code components} only when one was chosen by name.
 */
public final class ExperimentCodec {

    public static final String FORMAT = "ebp-experiment";
    public static final int VERSION = 1;

    private static final Set<String> KINDS = Set.of("optimizer", "schedule", "sampler", "compute");

    private ExperimentCodec() {
    }

    /** Writes atomically through SafeFiles. */
    public static void write(Path file, Experiment e) throws IOException {
        JsonDocuments.writeAtomically(file, toJson(e));
    }

    static JsonObject toJson(Experiment e) {
        JsonObject root = JsonDocuments.document(FORMAT, VERSION);
        root.add("data", step(e.data()));
        if (e.split() != null) {
            root.add("split", JsonDocuments.strings(e.split()));
        }
        JsonArray transforms = new JsonArray();
        e.transforms().forEach(t -> transforms.add(step(t)));
        root.add("transforms", transforms);
        JsonObject network = new JsonObject();
        network.addProperty("spec", e.netSpec());
        network.add("settings", JsonDocuments.strings(e.netSettings()));
        root.add("network", network);
        JsonObject components = new JsonObject();
        e.components().forEach((k, v) -> components.add(k, step(v)));
        root.add("components", components);
        JsonObject train = new JsonObject();
        train.addProperty("epochs", e.epochs());
        train.add("settings", JsonDocuments.strings(e.train()));
        root.add("train", train);
        return root;
    }

    private static JsonObject step(Experiment.Step s) {
        JsonObject o = new JsonObject();
        o.addProperty("name", s.name());
        o.add("settings", JsonDocuments.strings(s.settings()));
        return o;
    }

    /** Reads and checks a file: format, version, every field. */
    public static Experiment read(Path file) throws DataFormatException {
        return fromFields(JsonDocuments.read(file, FORMAT, VERSION));
    }

    /** The experiment as the text of its file: how a recipe travels to a cluster member. */
    public static String toText(Experiment e) {
        return JsonDocuments.toText(toJson(e));
    }

    /** Reads the text of a file; {@code source} names it in messages. */
    public static Experiment fromText(String source, String text) throws DataFormatException {
        return fromFields(JsonDocuments.parse(source, text, FORMAT, VERSION));
    }

    private static Experiment fromFields(JsonDocuments.Fields f) throws DataFormatException {
        Experiment.Step data = step(f.object("data"));
        Map<String, String> split = f.has("split") ? f.strings("split") : null;
        List<Experiment.Step> transforms = new ArrayList<>();
        for (JsonDocuments.Fields t : f.objects("transforms")) {
            transforms.add(step(t));
        }
        JsonDocuments.Fields network = f.object("network");
        String spec = network.string("spec");
        Map<String, String> netSettings = network.strings("settings");
        JsonDocuments.Fields comp = f.object("components");
        Map<String, Experiment.Step> components = new LinkedHashMap<>();
        for (String kind : List.of("optimizer", "schedule", "sampler", "compute")) {
            if (comp.has(kind)) {
                components.put(kind, step(comp.object(kind)));
            }
        }
        for (String key : comp.keys()) {
            if (!KINDS.contains(key)) {
                throw f.problem("field 'components." + key + "' is not a component kind; expected optimizer, schedule, "
                        + "sampler or compute");
            }
        }
        JsonDocuments.Fields train = f.object("train");
        int epochs = train.integer("epochs");
        if (epochs < 1) {
            throw f.problem("field 'train.epochs' is " + epochs + "; it must be at least 1");
        }
        return new Experiment(data, split, transforms, spec, netSettings, components, epochs, train.strings("settings"));
    }

    private static Experiment.Step step(JsonDocuments.Fields f) throws DataFormatException {
        return new Experiment.Step(f.string("name"), f.strings("settings"));
    }
}
