package org.ebp.engine.persist;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.FittedTransform;
import org.ebp.io.Excerpt;

/**
 * A chain of fitted transforms, in order of application, as one JSON file:
 * <pre>
 * {"format": "ebp-transform-chain", "version": 1,
 *  "transforms": [{"transform": "center", "settings": {}, "inputWidth": 64, "outputWidth": 64,
 *                  "values": {"arrays": {"mean": [...], "scale": [...]}, "scalars": {}}, "report": "..."},
 *                 ...]}
 * </pre>
 * Each element has the fields of an {@code ebp-fitted-transform} file ({@link FittedTransformCodec}).
 * {@link #read} also accepts such a single-transform file, as a chain of one. The widths must
 * link up: each transform's input width is the previous one's output width.
 */
public final class TransformChainCodec {

    public static final String FORMAT = "ebp-transform-chain";
    public static final int VERSION = 1;

    private TransformChainCodec() {
    }

    /**
     * Writes the chain atomically (temporary file, then rename): a failure leaves any old file as it was.
     *
     * @throws IllegalArgumentException for an empty chain
     */
    public static void write(Path file, List<FittedTransform> chain) throws IOException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no fitted transforms to save; fit one first, e.g. transform standardize");
        }
        JsonObject root = JsonDocuments.document(FORMAT, VERSION);
        root.add("transforms", toJson(chain));
        JsonDocuments.writeAtomically(file, root);
    }

    /** The chain as the JSON array a chain file (and a model file) holds. */
    static JsonArray toJson(List<FittedTransform> chain) {
        JsonArray list = new JsonArray(chain.size());
        for (FittedTransform fitted : chain) {
            JsonObject o = new JsonObject();
            o.addProperty("transform", fitted.transform());
            o.add("settings", JsonDocuments.strings(fitted.settings()));
            o.addProperty("inputWidth", fitted.inputWidth());
            o.addProperty("outputWidth", fitted.outputWidth());
            o.add("values", JsonDocuments.state(fitted.values()));
            o.addProperty("report", fitted.report());
            list.add(o);
        }
        return list;
    }

    /**
     * Reads a chain file, or a single {@code ebp-fitted-transform} file as a chain of one.
     *
     * @throws DataFormatException naming the file and the problem (missing, not JSON, another
     *                             format or version, a missing field, widths that do not link up)
     */
    public static List<FittedTransform> read(Path file) throws DataFormatException {
        String text = JsonDocuments.readText(file, FORMAT);
        String source = file.toString();
        if (FittedTransformCodec.FORMAT.equals(formatOf(text))) {
            return List.of(FittedTransformCodec.fromText(source, text));
        }
        JsonDocuments.Fields root = JsonDocuments.parse(source, text, FORMAT, VERSION);
        List<JsonDocuments.Fields> elements = root.objects("transforms");
        if (elements.isEmpty()) {
            throw root.problem("holds no transforms");
        }
        return fromFields(root, elements);
    }

    /** The chain of a "transforms" array; {@code root} names the file in messages. */
    static List<FittedTransform> fromFields(JsonDocuments.Fields root, List<JsonDocuments.Fields> elements)
            throws DataFormatException {
        List<FittedTransform> chain = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            JsonDocuments.Fields f = elements.get(i);
            String name = f.string("transform");
            int in = f.count("inputWidth");
            int out = f.count("outputWidth");
            if (in == 0 || out == 0) {
                throw root.problem("transform " + (i + 1) + " (" + Excerpt.of(name) + "): inputWidth and outputWidth must be positive, not "
                        + in + " and " + out);
            }
            if (i > 0 && chain.get(i - 1).outputWidth() != in) {
                throw root.problem("transform " + (i + 1) + " (" + Excerpt.of(name) + ") expects " + in + " features but transform " + i
                        + " (" + chain.get(i - 1).transform() + ") produces " + chain.get(i - 1).outputWidth());
            }
            chain.add(new FittedTransform(name, f.strings("settings"), in, out, f.state("values"),
                    f.has("report") ? f.string("report") : ""));
        }
        return chain;
    }

    /** The document's "format" string, or null when the text is not a JSON object with one (the full parse then says why). */
    private static String formatOf(String text) {
        try {
            JsonElement root = JsonParser.parseString(text);
            if (root.isJsonObject() && root.getAsJsonObject().has("format")
                    && root.getAsJsonObject().get("format").isJsonPrimitive()) {
                return root.getAsJsonObject().get("format").getAsString();
            }
        } catch (RuntimeException e) {
            // not JSON: JsonDocuments.parse reports it with the file name
        }
        return null;
    }
}
