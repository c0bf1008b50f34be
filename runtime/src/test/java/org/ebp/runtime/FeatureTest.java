package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTest {

    private static Feature parse(String json) throws LaunchException {
        return Feature.parse(new StringReader(json), "test.json");
    }

    private static String failure(String json) {
        LaunchException e = assertThrows(LaunchException.class, () -> parse(json));
        assertEquals(LaunchException.CONFIGURATION, e.exitStatus());
        assertTrue(e.getMessage().startsWith("feature file test.json "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsIdNameDescriptionAndBundlesInFileOrder() throws LaunchException {
        Feature feature = parse("""
                {"feature-resource-version": "1.0", "id": "org.ebp:ebp-core:1.0", "name": "Core",
                 "description": "the core", "configurations": {"ignored": {}},
                 "bundles": [{"id": "g:b:1"}, {"id": "g:a:2", "start-order": 3}, "g:c:3"]}
                """);
        assertEquals(MavenCoordinates.parse("org.ebp:ebp-core:1.0"), feature.id());
        assertEquals("Core", feature.name());
        assertEquals("the core", feature.description());
        assertEquals(List.of("g:b:1", "g:a:2", "g:c:3"), feature.bundles().stream().map(b -> b.coordinates().toString()).toList());
        assertEquals(3, feature.bundles().get(1).startOrder());
    }

    @Test
    void nameDescriptionAndResourceVersionAreOptional() throws LaunchException {
        Feature feature = parse("{\"id\": \"g:f:1\", \"bundles\": [\"g:a:1\"]}");
        assertNull(feature.name());
        assertNull(feature.description());
    }

    @Test
    void startOrderSortsStablyWithZeroAsDefault() throws LaunchException {
        Feature feature = parse("""
                {"id": "g:f:1", "bundles": [{"id": "g:late:1", "start-order": 2}, "g:first:1", "g:second:1",
                                            {"id": "g:middle:1", "start-order": 1}]}
                """);
        assertEquals(List.of("first", "second", "middle", "late"),
                feature.bundlesInStartOrder().stream().map(b -> b.coordinates().artifactId()).toList());
    }

    @Test
    void malformedJsonNamesTheFile() {
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": [").contains("is not valid JSON"));
    }

    @Test
    void trailingCommasCommentsAndExtraTextAreNotJson() {
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": [\"g:a:1\",]}").contains("is not valid JSON"));
        assertTrue(failure("{\"id\": \"g:f:1\", // note\n \"bundles\": [\"g:a:1\"]}").contains("is not valid JSON"));
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": [\"g:a:1\"]} {}").contains("is not valid JSON"));
    }

    @Test
    void refusesAnUnknownResourceVersion() {
        String message = failure("{\"feature-resource-version\": \"2.0\", \"id\": \"g:f:1\", \"bundles\": [\"g:a:1\"]}");
        assertTrue(message.contains("\"2.0\"") && message.contains("\"1.0\""), message);
    }

    @Test
    void refusesMissingIdOrBundles() {
        assertTrue(failure("{\"bundles\": [\"g:a:1\"]}").contains("needs an \"id\""));
        assertTrue(failure("{\"id\": \"g:f:1\"}").contains("needs a \"bundles\" array"));
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": []}").contains("lists no bundles"));
        assertTrue(failure("[1, 2]").contains("must hold a JSON object"));
    }

    @Test
    void namesTheBadBundleEntry() {
        String message = failure("{\"id\": \"g:f:1\", \"bundles\": [\"g:a:1\", {\"id\": \"g:only-two\"}]}");
        assertTrue(message.contains("bundles[1]") && message.contains("'g:only-two'"), message);
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": [{\"version\": \"1\"}]}").contains("bundles[0] needs an \"id\""));
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": [42]}").contains("bundles[0] must be an object"));
    }

    @Test
    void refusesABadStartOrder() {
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": [{\"id\": \"g:a:1\", \"start-order\": -1}]}")
                .contains("start-order -1"));
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": [{\"id\": \"g:a:1\", \"start-order\": 1.5}]}")
                .contains("whole number"));
        assertTrue(failure("{\"id\": \"g:f:1\", \"bundles\": [{\"id\": \"g:a:1\", \"start-order\": \"1\"}]}")
                .contains("start-order"));
    }

    @Test
    void refusesTheSameBundleTwice() {
        String message = failure("{\"id\": \"g:f:1\", \"bundles\": [\"g:a:1\", \"g:b:1\", \"g:a:2\"]}");
        assertTrue(message.contains("g:a twice") && message.contains("bundles[0]") && message.contains("bundles[2]"), message);
    }

    @Test
    void aMissingFileIsAClearError(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");
        LaunchException e = assertThrows(LaunchException.class, () -> Feature.read(file));
        assertEquals("feature file " + file + " does not exist", e.getMessage());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f.json"), "{\"id\": \"g:f:1\", \"bundles\": [\"g:a:1\"]}");
        assertEquals(1, Feature.read(file).bundles().size());
    }
}
