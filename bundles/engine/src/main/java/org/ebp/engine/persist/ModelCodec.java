package org.ebp.engine.persist;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ebp.api.component.State;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.TargetCoding;

/**
 * A model as a JSON file:
 * <pre>
 * {"format": "ebp-model", "version": 1,
 *  "network": {"widths": [64, 30, 10], "activation": "scaled-tanh", "output": "scaled-tanh",
 *              "coding": "pm1", "levels": {"off": -1, "on": 1}, "codingSettings": {},
 *              "loss": "mse", "init": "fan-in", "initSettings": {}, "seed": 1},
 *  "layout": [{"name": "layer1.weights", "layer": 1, "role": "weights", "rows": 30, "cols": 64,
 *              "fanIn": 65, "offset": 0}, ...],
 *  "weights": [...],
 *  "optimizer": {"name": "momentum", "settings": {"lr": "0.01"}, "state": {"arrays": {...}, "scalars": {...}}},
 *  "progress": {"epoch": 12, "step": 17244},
 *  "transforms": [{"transform": "standardize", ...}, ...],
 *  "trainedOn": "digits: 1797 examples x 64 features; splits train=1438 test=359 (seed 1)"}
 * </pre>
 * Version 2 added the fitted transform chain the network's inputs went through ("transforms",
 * the elements of an ebp-transform-chain file) and a line about the data ("trainedOn"); a
 * version 1 file reads as a model without transforms.
 * Reading checks the layout (contiguous segments, positive shapes), that it covers the weights,
 * that the weights are finite, and that it matches the widths' parameter count.
 */
public final class ModelCodec {

    public static final String FORMAT = "ebp-model";
    public static final int VERSION = 2;
    /** The oldest version this engine reads. */
    public static final int OLDEST = 1;

    /**
     * What a model file holds: the network and its weights, the fitted transforms its inputs
     * went through (in order; empty when none), and a line about the data it was trained on.
     */
    public record ModelFile(ModelSnapshot model, List<FittedTransform> transforms, String trainedOn) {
        public ModelFile {
            java.util.Objects.requireNonNull(model, "model");
            transforms = List.copyOf(transforms);
            trainedOn = trainedOn == null ? "" : trainedOn;
        }
    }

    private ModelCodec() {
    }

    static JsonObject toJson(ModelFile file) {
        JsonObject root = toJson(file.model());
        root.add("transforms", TransformChainCodec.toJson(file.transforms()));
        root.addProperty("trainedOn", file.trainedOn());
        return root;
    }

    static JsonObject toJson(ModelSnapshot m) {
        JsonObject root = JsonDocuments.document(FORMAT, VERSION);
        JsonObject network = new JsonObject();
        JsonArray widths = new JsonArray();
        for (int w : m.widths()) {
            widths.add(w);
        }
        network.add("widths", widths);
        network.addProperty("activation", m.hiddenActivation());
        network.addProperty("output", m.outputActivation());
        // only for activations with settings (twisted-tanh a=...), so older readers see no change otherwise
        if (!m.hiddenActivationSettings().isEmpty()) {
            network.add("activationSettings", JsonDocuments.strings(m.hiddenActivationSettings()));
        }
        if (!m.outputActivationSettings().isEmpty()) {
            network.add("outputSettings", JsonDocuments.strings(m.outputActivationSettings()));
        }
        if (m.coding() != null) {
            network.addProperty("coding", m.coding());
            JsonObject levels = new JsonObject();
            levels.addProperty("off", m.levels().off());
            levels.addProperty("on", m.levels().on());
            network.add("levels", levels);
            network.add("codingSettings", JsonDocuments.strings(m.codingSettings()));
        }
        network.addProperty("loss", m.loss());
        network.addProperty("init", m.initializer());
        network.add("initSettings", JsonDocuments.strings(m.initializerSettings()));
        network.addProperty("seed", m.seed());
        root.add("network", network);

        JsonArray layout = new JsonArray();
        for (ParameterLayout.Segment s : m.layout().segments()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", s.name());
            o.addProperty("layer", s.layer());
            o.addProperty("role", s.role().name().toLowerCase(Locale.ROOT));
            o.addProperty("rows", s.rows());
            o.addProperty("cols", s.cols());
            o.addProperty("fanIn", s.fanIn());
            o.addProperty("offset", s.offset());
            layout.add(o);
        }
        root.add("layout", layout);
        root.add("weights", JsonDocuments.numbers(m.weights()));
        if (m.optimizer() != null) {
            JsonObject opt = new JsonObject();
            opt.addProperty("name", m.optimizer());
            opt.add("settings", JsonDocuments.strings(m.optimizerSettings()));
            opt.add("state", JsonDocuments.state(m.optimizerState() == null ? new State() : m.optimizerState()));
            root.add("optimizer", opt);
        }
        JsonObject progress = new JsonObject();
        progress.addProperty("epoch", m.epoch());
        progress.addProperty("step", m.step());
        root.add("progress", progress);
        return root;
    }

    /** Writes the model, without transforms, atomically. */
    public static void write(Path file, ModelSnapshot model) throws IOException {
        write(file, new ModelFile(model, List.of(), ""));
    }

    /** Writes the model with its transforms atomically. */
    public static void write(Path file, ModelFile model) throws IOException {
        JsonDocuments.writeAtomically(file, toJson(model));
    }

    /**
     * Reads a model file with its transforms.
     *
     * @throws DataFormatException naming the file and the problem
     */
    public static ModelFile readFile(Path file) throws DataFormatException {
        return fileFromFields(JsonDocuments.read(file, FORMAT, OLDEST, VERSION));
    }

    /** A model document, whole or embedded in a checkpoint; its format and version are checked. */
    static ModelFile fileFromFields(JsonDocuments.Fields f) throws DataFormatException {
        f.checkFormat(FORMAT, OLDEST, VERSION);
        ModelSnapshot model = fromFields(f);
        List<FittedTransform> transforms = f.has("transforms") ? TransformChainCodec.fromFields(f, f.objects("transforms"))
                : List.of();
        if (!transforms.isEmpty() && transforms.get(transforms.size() - 1).outputWidth() != model.widths()[0]) {
            throw f.problem("its transforms end with " + transforms.get(transforms.size() - 1).outputWidth()
                    + " features but the network takes " + model.widths()[0]);
        }
        return new ModelFile(model, transforms, f.has("trainedOn") ? f.string("trainedOn") : "");
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @throws DataFormatException naming the file and the problem
     */
    public static ModelSnapshot read(Path file) throws DataFormatException {
        return readFile(file).model();
    }

    static ModelSnapshot fromText(String source, String text) throws DataFormatException {
        return fromFields(JsonDocuments.parse(source, text, FORMAT, OLDEST, VERSION));
    }

    private static ModelSnapshot fromFields(JsonDocuments.Fields f) throws DataFormatException {
        JsonDocuments.Fields network = f.object("network");
        double[] widthNumbers = network.numbers("widths");
        if (widthNumbers.length < 2) {
            throw f.problem("field 'network.widths' needs at least an input and an output width");
        }
        int[] widths = new int[widthNumbers.length];
        long expectedSize = 0;
        for (int i = 0; i < widths.length; i++) {
            double v = widthNumbers[i];
            if (!(v >= 1) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                throw f.problem("field 'network.widths' element " + i + " must be a positive whole number, not " + v);
            }
            widths[i] = (int) v;
            if (i > 0) {
                expectedSize += (long) widths[i] * (widths[i - 1] + 1L);
            }
        }
        String coding = network.optionalString("coding");
        TargetCoding.Levels levels = null;
        java.util.Map<String, String> codingSettings = java.util.Map.of();
        if (coding != null) {
            JsonDocuments.Fields l = network.object("levels");
            levels = new TargetCoding.Levels(l.number("off"), l.number("on"));
            if (!Double.isFinite(levels.off()) || !Double.isFinite(levels.on())) {
                throw f.problem("field 'network.levels' must hold finite numbers");
            }
            codingSettings = network.has("codingSettings") ? network.strings("codingSettings") : java.util.Map.of();
        }

        List<ParameterLayout.Segment> segments = new ArrayList<>();
        for (JsonDocuments.Fields s : f.objects("layout")) {
            String role = s.string("role").toUpperCase(Locale.ROOT);
            ParameterLayout.Role parsedRole;
            try {
                parsedRole = ParameterLayout.Role.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw f.problem("layout segment '" + s.string("name") + "' has unknown role '" + s.string("role")
                        + "'; roles are weights, biases, centers, widths");
            }
            try {
                segments.add(new ParameterLayout.Segment(s.string("name"), s.integer("layer"), parsedRole, s.integer("rows"),
                        s.integer("cols"), s.integer("fanIn"), s.integer("offset")));
            } catch (IllegalArgumentException e) {
                throw f.problem("field 'layout' is not valid: " + e.getMessage());
            }
        }
        ParameterLayout layout;
        try {
            layout = new ParameterLayout(segments);
        } catch (IllegalArgumentException e) {
            throw f.problem("field 'layout' is not valid: " + e.getMessage());
        }
        if (layout.size() != expectedSize) {
            throw f.problem("field 'layout' holds " + layout.size() + " parameters but widths " + widthText(widths)
                    + " need " + expectedSize);
        }
        double[] weights = f.numbers("weights");
        if (weights.length != layout.size()) {
            throw f.problem("field 'weights' has " + weights.length + " numbers but the layout needs " + layout.size());
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw f.problem("field 'weights' element " + i + " is " + weights[i] + ", not a finite number");
            }
        }
        String optimizer = null;
        java.util.Map<String, String> optimizerSettings = java.util.Map.of();
        State state = null;
        if (f.has("optimizer")) {
            JsonDocuments.Fields opt = f.object("optimizer");
            optimizer = opt.string("name");
            optimizerSettings = opt.strings("settings");
            state = opt.state("state");
        }
        int epoch = 0;
        long step = 0;
        if (f.has("progress")) {
            JsonDocuments.Fields progress = f.object("progress");
            epoch = progress.count("epoch");
            step = progress.longInteger("step");
            if (step < 0) {
                throw f.problem("field 'progress.step' must not be negative: " + step);
            }
        }
        return new ModelSnapshot(widths, network.string("activation"), network.string("output"), coding, levels,
                codingSettings, network.string("loss"), network.string("init"),
                network.has("initSettings") ? network.strings("initSettings") : java.util.Map.of(), network.longInteger("seed"),
                layout, weights, optimizer, optimizerSettings, state, epoch, step,
                network.has("activationSettings") ? network.strings("activationSettings") : java.util.Map.of(),
                network.has("outputSettings") ? network.strings("outputSettings") : java.util.Map.of());
    }

    private static String widthText(int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            b.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return b.toString();
    }
}
