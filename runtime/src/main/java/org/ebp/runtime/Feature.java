package org.ebp.runtime;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A feature file (OSGi Compendium chapter 159, feature-resource-version 1.0): the set of bundles that
 * make up a runtime. Only the parts a launcher needs are read: {@code id}, {@code name},
 * {@code description} and {@code bundles} (each an object with an {@code id} in Maven coordinates and
 * an optional {@code start-order}, or just the id as a string). Other keys (configurations, variables,
 * extensions) are accepted and ignored.
 */
public record Feature(MavenCoordinates id, String name, String description, List<FeatureBundle> bundles) {

    /** The only resource version the specification defines. */
    public static final String RESOURCE_VERSION = "1.0";

    public Feature {
        bundles = List.copyOf(bundles);
    }

    /**
     * Reads a feature file.
     *
     * @throws LaunchException (configuration status) naming the file and what is wrong with it
     */
    public static Feature read(Path file) throws LaunchException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new LaunchException(LaunchException.CONFIGURATION, "feature file " + file + " does not exist");
        } catch (IOException e) {
            throw new LaunchException(LaunchException.CONFIGURATION, "cannot read feature file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Parses a feature from JSON text.
     *
     * @param source names the text in error messages (usually the file path)
     * @throws LaunchException (configuration status) naming the source and the problem
     */
    public static Feature parse(Reader reader, String source) throws LaunchException {
        JsonElement root;
        try {
            // Strict: a trailing comma or a comment is an error to fix, not a null bundle entry.
            JsonReader json = new JsonReader(reader);
            json.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(json);
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw invalid(source, "is not valid JSON: more text after the top-level object at " + json.getPath());
            }
        } catch (JsonParseException | IOException e) {
            throw invalid(source, "is not valid JSON: " + rootMessage(e));
        }
        if (!root.isJsonObject()) {
            throw invalid(source, "must hold a JSON object, found " + describe(root));
        }
        JsonObject object = root.getAsJsonObject();

        JsonElement resourceVersion = object.get("feature-resource-version");
        if (resourceVersion != null && !(isString(resourceVersion) && resourceVersion.getAsString().equals(RESOURCE_VERSION))) {
            throw invalid(source, "has feature-resource-version " + resourceVersion + "; this launcher reads version \""
                    + RESOURCE_VERSION + "\"");
        }
        MavenCoordinates id = coordinates(requiredString(object, "id", source), source, "feature id");
        String name = optionalString(object, "name", source);
        String description = optionalString(object, "description", source);

        JsonElement bundlesElement = object.get("bundles");
        if (bundlesElement == null || !bundlesElement.isJsonArray()) {
            throw invalid(source, "needs a \"bundles\" array, found " + describe(bundlesElement));
        }
        JsonArray array = bundlesElement.getAsJsonArray();
        if (array.isEmpty()) {
            throw invalid(source, "lists no bundles");
        }
        List<FeatureBundle> bundles = new ArrayList<>(array.size());
        Map<String, Integer> positionByKey = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            FeatureBundle bundle = bundle(array.get(i), source, i);
            Integer earlier = positionByKey.putIfAbsent(bundle.coordinates().key(), i);
            if (earlier != null) {
                // Two versions of one bundle is almost always a stale edit; refuse rather than pick one.
                throw invalid(source, "lists " + bundle.coordinates().key() + " twice (bundles[" + earlier + "] and bundles["
                        + i + "]); keep one entry");
            }
            bundles.add(bundle);
        }
        return new Feature(id, name, description, bundles);
    }

    /** The bundles in the order they are started: ascending start order, file order within one. */
    public List<FeatureBundle> bundlesInStartOrder() {
        List<FeatureBundle> sorted = new ArrayList<>(bundles);
        sorted.sort((a, b) -> Integer.compare(a.startOrder(), b.startOrder())); // List.sort is stable
        return sorted;
    }

    private static FeatureBundle bundle(JsonElement element, String source, int index) throws LaunchException {
        String where = "bundles[" + index + "]";
        if (isString(element)) {
            return new FeatureBundle(coordinates(element.getAsString(), source, where), 0);
        }
        if (!element.isJsonObject()) {
            throw invalid(source, where + " must be an object with an \"id\", found " + describe(element));
        }
        JsonObject object = element.getAsJsonObject();
        JsonElement id = object.get("id");
        if (!isString(id)) {
            throw invalid(source, where + " needs an \"id\" string (groupId:artifactId:version), found " + describe(id));
        }
        int startOrder = 0;
        JsonElement order = object.get("start-order");
        if (order != null) {
            if (!(order.isJsonPrimitive() && order.getAsJsonPrimitive().isNumber())
                    || order.getAsDouble() != Math.rint(order.getAsDouble()) || order.getAsDouble() < 0
                    || order.getAsDouble() > Integer.MAX_VALUE) {
                throw invalid(source, where + " has start-order " + order + "; use a whole number >= 0");
            }
            startOrder = order.getAsInt();
        }
        return new FeatureBundle(coordinates(id.getAsString(), source, where), startOrder);
    }

    private static MavenCoordinates coordinates(String text, String source, String where) throws LaunchException {
        try {
            return MavenCoordinates.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(source, where + ": " + e.getMessage());
        }
    }

    private static String requiredString(JsonObject object, String key, String source) throws LaunchException {
        JsonElement value = object.get(key);
        if (!isString(value)) {
            throw invalid(source, "needs an \"" + key + "\" string, found " + describe(value));
        }
        return value.getAsString();
    }

    private static String optionalString(JsonObject object, String key, String source) throws LaunchException {
        JsonElement value = object.get(key);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!isString(value)) {
            throw invalid(source, "has a non-string \"" + key + "\": " + describe(value));
        }
        return value.getAsString();
    }

    private static boolean isString(JsonElement element) {
        return element != null && element.isJsonPrimitive() && ((JsonPrimitive) element).isString();
    }

    private static String describe(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return "nothing";
        }
        String text = element.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : e.getMessage();
    }

    private static LaunchException invalid(String source, String problem) {
        return new LaunchException(LaunchException.CONFIGURATION, "feature file " + source + " " + problem);
    }
}
