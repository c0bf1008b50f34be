package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.UnknownComponentException;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.ebp.io.MemoryLimitException;

/**
 * Property-based fuzzing of every JSON format the engine reads (transform chains and model files):
 * valid files truncated, with bits flipped, numbers made absurd, keys dropped, or replaced by
 * random JSON. The property: the file loads, or the load fails with the workbench's own exception
 * and a one-line message, and then the session is exactly as it was (data, transforms, network,
 * weights, status).
 */
class JsonFormatsFuzzTest {

    private static Path dir;
    private static String chainText;
    private static String modelText;

    @BeforeContainer
    static void writeValidFiles() throws Exception {
        dir = Files.createTempDirectory("ebp-json-fuzz");
        try (Session s = prepared()) {
            s.saveTransforms(dir.resolve("chain.json"));
            s.train(1, Map.of("batch", "10"), null);
            s.saveModel(dir.resolve("model.json"));
        }
        chainText = Files.readString(dir.resolve("chain.json"));
        modelText = Files.readString(dir.resolve("model.json"));
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** A session with data, a fitted transform, a network and an optimizer: what a load must not disturb. */
    private static Session prepared() throws Exception {
        Session s = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());
        s.loadData("blobs", Map.of());
        s.split(Map.of("train", "0.7", "test", "0.3"));
        s.fitTransform("center", Map.of());
        s.createNetwork("in-5-out", Map.of("output", "softmax", "seed", "3"));
        s.use(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.02"));
        return s;
    }

    /** One change to a JSON text. */
    record Damage(int kind, int position, String token) {

        String applyTo(String text) {
            int at = Math.floorMod(position, text.length() + 1);
            return switch (kind) {
                case 0 -> text.substring(0, at); // truncation
                case 1 -> { // a flipped bit in one character
                    if (text.isEmpty()) {
                        yield text;
                    }
                    int p = Math.min(at, text.length() - 1);
                    yield text.substring(0, p) + (char) (text.charAt(p) ^ (1 << Math.floorMod(position >> 8, 7))) + text.substring(p + 1);
                }
                case 2 -> replaceNumber(text, at, token); // an absurd number, or another token, where a number was
                case 3 -> dropKey(text, at);
                default -> text.substring(0, at) + token + text.substring(at); // a token spliced in
            };
        }

        private static String replaceNumber(String text, int from, String token) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d[\\d.eE+-]*").matcher(text);
            if (!m.find(Math.min(from, text.length())) && !m.find(0)) {
                return text;
            }
            return text.substring(0, m.start()) + token + text.substring(m.end());
        }

        private static String dropKey(String text, int from) {
            int key = text.indexOf("\": ", from);
            if (key < 0) {
                return text;
            }
            int start = text.lastIndexOf('"', key - 1);
            int end = text.indexOf(',', key);
            return start < 0 || end < 0 ? text : text.substring(0, start) + text.substring(end + 1);
        }
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.oneOf(
                Arbitraries.of("1e309", "-1", "0", "2147483648", "-2147483649", "1e-400", "NaN", "Infinity", "null", "true",
                        "\"text\"", "[]", "{}", "[1,2", "{\"a\":", "9".repeat(100_000), "1".repeat(5000) + ".5"),
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf));
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers(), tokens()).as(Damage::new);
    }

    /** Random JSON values, nested a few levels. */
    @Provide
    Arbitrary<String> randomJson() {
        return Arbitraries.recursive(() -> tokens().filter(t -> t.length() < 200),
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                        Combinators.combine(Arbitraries.of("format", "version", "transforms", "transform", "inputWidth",
                                "outputWidth", "settings", "values", "arrays", "scalars", "network", "weights", "x"), inner)
                                .as((k, v) -> "\"" + k + "\": " + v).list().ofMaxSize(5)
                                .map(l -> "{" + String.join(",", l) + "}")),
                4);
    }

    private record Before(SessionStatus status, List<FittedTransform> transforms, double[] weights) {
        static Before of(Session s) {
            return new Before(s.status(), s.fittedTransforms(), s.weights());
        }

        void assertSame(Session s) {
            assertEquals(status, s.status());
            assertEquals(transforms, s.fittedTransforms());
            assertArrayEquals(weights, s.weights());
        }
    }

    /** The load either works or fails with one of the workbench's own exceptions, leaving the session as it was. */
    private static void loadOrFailClearly(String text, boolean model) throws Exception {
        Path file = Files.writeString(dir.resolve(model ? "fuzzed-model.json" : "fuzzed-chain.json"), text, StandardCharsets.UTF_8);
        try (Session s = prepared()) {
            Before before = Before.of(s);
            try {
                if (model) {
                    s.loadModel(file);
                } else {
                    s.loadTransforms(file);
                }
            } catch (DataFormatException | MemoryLimitException | InvalidSettingException | UnknownComponentException e) {
                assertOneLine(e);
                before.assertSame(s);
            } catch (IllegalArgumentException e) {
                // the engine's user errors (a width that does not fit the data); not a parser's NumberFormatException
                assertEquals(IllegalArgumentException.class, e.getClass(), () -> "unexpected " + e);
                assertOneLine(e);
                before.assertSame(s);
            }
        }
    }

    private static void assertOneLine(Exception e) {
        String m = e.getMessage();
        assertTrue(m != null && !m.isBlank() && m.lines().count() == 1, () -> "one line: " + m);
        assertTrue(m.length() < 600, () -> "short: " + m.length() + " characters: " + m.substring(0, 200));
    }

    @Property(tries = 150, seed = "12")
    void damagedTransformChainsLoadOrFailClearly(@ForAll("damage") Damage damage) throws Exception {
        loadOrFailClearly(damage.applyTo(chainText), false);
    }

    @Property(tries = 150, seed = "12")
    void damagedModelFilesLoadOrFailClearly(@ForAll("damage") Damage damage) throws Exception {
        loadOrFailClearly(damage.applyTo(modelText), true);
    }

    @Property(tries = 100, seed = "12")
    void randomJsonIsRefusedClearly(@ForAll("randomJson") String json, @ForAll boolean model) throws Exception {
        String text = json.startsWith("{") && json.length() > 2
                ? "{\"format\": \"" + (model ? "ebp-model" : "ebp-transform-chain") + "\", \"version\": 1, " + json.substring(1)
                : json;
        loadOrFailClearly(text, model);
    }
}
