package org.ebp.engine.persist;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.FittedTransform;

/**
 * A fitted transform as a JSON file:
 * <pre>
 * {"format": "ebp-fitted-transform", "version": 1, "transform": "standardize",
 *  "settings": {"epsilon": "1e-8"}, "inputWidth": 64, "outputWidth": 64,
 *  "values": {"arrays": {"mean": [...], "scale": [...]}, "scalars": {}}, "report": "..."}
 * </pre>
 */
public final class FittedTransformCodec {

    public static final String FORMAT = "ebp-fitted-transform";
    public static final int VERSION = 1;

    private FittedTransformCodec() {
    }

    static JsonObject toJson(FittedTransform fitted) {
        JsonObject root = JsonDocuments.document(FORMAT, VERSION);
        root.addProperty("transform", fitted.transform());
        root.add("settings", JsonDocuments.strings(fitted.settings()));
        root.addProperty("inputWidth", fitted.inputWidth());
        root.addProperty("outputWidth", fitted.outputWidth());
        root.add("values", JsonDocuments.state(fitted.values()));
        root.addProperty("report", fitted.report());
        return root;
    }

    /** Writes the transform atomically. */
    public static void write(Path file, FittedTransform fitted) throws IOException {
        JsonDocuments.writeAtomically(file, toJson(fitted));
    }

    /**
     * Reads a transform written by {@link #write}.
     *
     * @throws DataFormatException naming the file and the problem
     */
    public static FittedTransform read(Path file) throws DataFormatException {
        return fromFields(JsonDocuments.read(file, FORMAT, VERSION));
    }

    static FittedTransform fromText(String source, String text) throws DataFormatException {
        return fromFields(JsonDocuments.parse(source, text, FORMAT, VERSION));
    }

    private static FittedTransform fromFields(JsonDocuments.Fields f) throws DataFormatException {
        String transform = f.string("transform");
        int in = f.count("inputWidth");
        int out = f.count("outputWidth");
        if (in == 0 || out == 0) {
            throw f.problem("inputWidth and outputWidth must be positive, not " + in + " and " + out);
        }
        return new FittedTransform(transform, f.strings("settings"), in, out, f.state("values"),
                f.has("report") ? f.string("report") : "");
    }
}
