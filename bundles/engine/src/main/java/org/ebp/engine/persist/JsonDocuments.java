package org.ebp.engine.persist;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebp.api.component.State;
import org.ebp.api.data.DataFormatException;
import org.ebp.io.Excerpt;
import org.ebp.io.MemoryBudget;
import org.ebp.io.SafeFiles;

/**
 * JSON documents with a format name and version: written atomically, read back with every
 * problem reported as a {@link DataFormatException} naming the file and the field.
 *
 * <p>Every document starts with {@code "format"} and {@code "version"}. Numbers are written with
 * {@link Double#toString}, which round-trips every double exactly; NaN and infinities (which may
 * occur in optimizer state) are written as the non-standard literals {@code NaN},
 * {@code Infinity} and {@code -Infinity}, which the reader accepts.
 */
public final class JsonDocuments {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private JsonDocuments() {
    }

    /** A new document with its format and version. */
    static JsonObject document(String format, int version) {
        JsonObject root = new JsonObject();
        root.addProperty("format", format);
        root.addProperty("version", version);
        return root;
    }

    /**
     * Writes {@code json} to {@code file} through {@link SafeFiles}: atomically, into an existing
     * folder, never over anything but a regular file.
     *
     * @throws org.ebp.io.FileRefusedException naming the file and the problem; nothing changed
     */
    static void writeAtomically(Path file, JsonObject json) throws IOException {
        SafeFiles.write(file, out -> {
            Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            GSON.toJson(json, writer);
            writer.write('\n');
            writer.flush();
        });
    }

    /** The document as text (for tests and for embedding). */
    static String toText(JsonObject json) {
        return GSON.toJson(json);
    }

    /**
     * Reads a document and checks its format and version.
     *
     * @throws DataFormatException naming the file: unreadable, not JSON, another format, or
     *                             another version
     */
    static Fields read(Path file, String format, int version) throws DataFormatException {
        return read(file, format, version, version);
    }

    /** As {@link #read(Path, String, int)} for a format whose versions {@code oldest..newest} this engine reads. */
    static Fields read(Path file, String format, int oldest, int newest) throws DataFormatException {
        return parse(file.toString(), readText(file, format), format, oldest, newest);
    }

    /**
     * Characters held per character of a JSON file while it is parsed: the text (2 bytes per char)
     * and gson's tree, whose numbers keep their text (about 4 more).
     */
    private static final int PARSE_BYTES_PER_CHAR = 8;

    /**
     * The text of a JSON file, refused before reading when it is not a regular file (a FIFO would
     * block, /dev/zero never end) or too large for the heap.
     */
    static String readText(Path file, String format) throws DataFormatException {
        if (!Files.exists(file)) {
            throw new DataFormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file + ": is a folder; give a JSON file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": is not a regular file (a device, FIFO or socket); give a JSON file");
        }
        try {
            MemoryBudget.require(Files.size(file) * PARSE_BYTES_PER_CHAR, "reading " + file, "a smaller file");
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DataFormatException(file + ": is not a text file (not UTF-8), so not a " + format + " file", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** As {@link #read} for text already in memory; {@code source} names it in messages. */
    static Fields parse(String source, String text, String format, int version) throws DataFormatException {
        return parse(source, text, format, version, version);
    }

    /** As {@link #parse(String, String, String, int)} accepting the versions {@code oldest..newest}. */
    static Fields parse(String source, String text, String format, int oldest, int newest) throws DataFormatException {
        JsonElement root;
        try (Reader reader = new StringReader(text)) {
            JsonReader json = new JsonReader(reader);
            json.setStrictness(Strictness.LENIENT);
            root = JsonParser.parseReader(json);
            if (json.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new DataFormatException(source + ": is not valid JSON: text after the end of the document");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            // gson appends a line pointing to its troubleshooting page; the first line says what is wrong.
            why = why == null ? e.getClass().getSimpleName() : Excerpt.of(why.lines().findFirst().orElse(why), 200);
            throw new DataFormatException(source + ": is not valid JSON: " + why, e);
        }
        if (!root.isJsonObject()) {
            throw new DataFormatException(source + ": is not a " + format + " file (expected a JSON object with \"format\": \""
                    + format + "\")");
        }
        Fields fields = new Fields(source, root.getAsJsonObject(), "");
        fields.checkFormat(format, oldest, newest);
        return fields;
    }

    static JsonArray numbers(double[] values) {
        JsonArray a = new JsonArray(values.length);
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    static JsonObject strings(Map<String, String> map) {
        JsonObject o = new JsonObject();
        new java.util.TreeMap<>(map).forEach(o::addProperty);
        return o;
    }

    static JsonObject state(State state) {
        JsonObject o = new JsonObject();
        JsonObject arrays = new JsonObject();
        state.arrays().forEach((k, v) -> arrays.add(k, numbers(v)));
        JsonObject scalars = new JsonObject();
        state.scalars().forEach(scalars::addProperty);
        o.add("arrays", arrays);
        o.add("scalars", scalars);
        return o;
    }

    /**
     * Typed access to the fields of one JSON object, each failure a {@link DataFormatException}
     * naming the file and the field's path.
     */
    static final class Fields {
        private final String source;
        private final JsonObject object;
        private final String path;

        Fields(String source, JsonObject object, String path) {
            this.source = source;
            this.object = object;
            this.path = path;
        }

        private String where(String name) {
            return source + ": field '" + Excerpt.of(path + name, 120) + "'";
        }

        /**
         * Checks this object's "format" and "version" fields (a whole document, or one embedded in another).
         *
         * @return the version
         */
        int checkFormat(String format, int oldest, int newest) throws DataFormatException {
            JsonElement f = object.get("format");
            String what = path.isEmpty() ? "" : " (in field '" + path.substring(0, path.length() - 1) + "')";
            if (f == null || !f.isJsonPrimitive() || !f.getAsJsonPrimitive().isString()) {
                throw new DataFormatException(source + ": has no \"format\" field" + what + "; it is not a " + format + " file");
            }
            if (!f.getAsString().equals(format)) {
                throw new DataFormatException(source + ": has format '" + Excerpt.of(f.getAsString()) + "'" + what
                        + ", not '" + format + "'");
            }
            int v = integer("version");
            if (v < oldest || v > newest) {
                throw new DataFormatException(source + ": " + format + " version " + v + " is not supported (this engine reads "
                        + "version " + (oldest == newest ? Integer.toString(newest) : oldest + " to " + newest) + ")");
            }
            return v;
        }

        /** A problem with this document, naming its source. */
        DataFormatException problem(String message) {
            return new DataFormatException(source + ": " + message);
        }

        boolean has(String name) {
            JsonElement e = object.get(name);
            return e != null && !e.isJsonNull();
        }

        /** The object's field names, in file order. */
        java.util.Set<String> keys() {
            return java.util.Collections.unmodifiableSet(object.keySet());
        }

        private JsonElement required(String name) throws DataFormatException {
            JsonElement e = object.get(name);
            if (e == null || e.isJsonNull()) {
                throw new DataFormatException(where(name) + " is missing");
            }
            return e;
        }

        String string(String name) throws DataFormatException {
            JsonElement e = required(name);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new DataFormatException(where(name) + " must be a string");
            }
            return e.getAsString();
        }

        /** The string, or null when absent or null. */
        String optionalString(String name) throws DataFormatException {
            return has(name) ? string(name) : null;
        }

        double number(String name) throws DataFormatException {
            return toNumber(required(name), where(name));
        }

        long longInteger(String name) throws DataFormatException {
            JsonElement e = required(name);
            double v = toNumber(e, where(name));
            if (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15) {
                throw new DataFormatException(where(name) + " must be a whole number, not " + Excerpt.of(e.toString()));
            }
            return e.getAsLong();
        }

        int integer(String name) throws DataFormatException {
            long v = longInteger(name);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new DataFormatException(where(name) + " is out of range: " + v);
            }
            return (int) v;
        }

        /** A non-negative whole number. */
        int count(String name) throws DataFormatException {
            int v = integer(name);
            if (v < 0) {
                throw new DataFormatException(where(name) + " must not be negative: " + v);
            }
            return v;
        }

        double[] numbers(String name) throws DataFormatException {
            JsonElement e = required(name);
            if (!e.isJsonArray()) {
                throw new DataFormatException(where(name) + " must be an array of numbers");
            }
            JsonArray a = e.getAsJsonArray();
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = toNumber(a.get(i), where(name) + " element " + i);
            }
            return out;
        }

        Fields object(String name) throws DataFormatException {
            JsonElement e = required(name);
            if (!e.isJsonObject()) {
                throw new DataFormatException(where(name) + " must be an object");
            }
            return new Fields(source, e.getAsJsonObject(), path + name + ".");
        }

        /** Objects of an array field. */
        java.util.List<Fields> objects(String name) throws DataFormatException {
            JsonElement e = required(name);
            if (!e.isJsonArray()) {
                throw new DataFormatException(where(name) + " must be an array of objects");
            }
            java.util.List<Fields> out = new java.util.ArrayList<>();
            JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isJsonObject()) {
                    throw new DataFormatException(where(name) + " element " + i + " must be an object");
                }
                out.add(new Fields(source, a.get(i).getAsJsonObject(), path + name + "[" + i + "]."));
            }
            return out;
        }

        /** An object of string values. */
        Map<String, String> strings(String name) throws DataFormatException {
            Fields o = object(name);
            Map<String, String> out = new LinkedHashMap<>();
            for (String key : o.object.keySet()) {
                out.put(key, o.string(key));
            }
            return out;
        }

        /** A {@link State}: {"arrays": {name: [numbers]}, "scalars": {name: number}}. */
        State state(String name) throws DataFormatException {
            Fields o = object(name);
            State s = new State();
            Fields arrays = o.object("arrays");
            for (String key : arrays.object.keySet()) {
                s.putArray(key, arrays.numbers(key));
            }
            Fields scalars = o.object("scalars");
            for (String key : scalars.object.keySet()) {
                s.putScalar(key, scalars.number(key));
            }
            return s;
        }

        private static double toNumber(JsonElement e, String where) throws DataFormatException {
            if (e == null || !e.isJsonPrimitive()) {
                throw new DataFormatException(where + " must be a number");
            }
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isString()) {
                // the lenient reader returns the non-finite literals NaN, Infinity, -Infinity as text
                switch (p.getAsString()) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        break;
                }
            }
            if (!p.isNumber()) {
                throw new DataFormatException(where + " must be a number, not " + Excerpt.of(p.toString()));
            }
            try {
                return p.getAsDouble();
            } catch (NumberFormatException ex) {
                throw new DataFormatException(where + " must be a number, not " + Excerpt.of(p.toString()));
            }
        }
    }
}
