package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionTest {

    @TempDir
    Path home;
    Distribution distribution;

    @BeforeEach
    void layOut() throws IOException {
        Files.createDirectories(home.resolve("features"));
        Files.writeString(home.resolve("features/core.json"), "{}");
        Files.writeString(home.resolve("features/workbench.json"), "{}");
        Files.writeString(home.resolve("features/notes.txt"), "not a feature");
        distribution = new Distribution(home);
    }

    private void putJar(String coordinates) throws IOException {
        Path jar = MavenCoordinates.parse(coordinates).pathIn(home.resolve("system"));
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
    }

    @Test
    void aNameIsAFileInTheFeaturesFolder() throws LaunchException {
        assertEquals(home.resolve("features/core.json"), distribution.featureFile("core"));
    }

    @Test
    void anUnknownNameListsTheAvailableFeatures() {
        LaunchException e = assertThrows(LaunchException.class, () -> distribution.featureFile("full"));
        assertEquals(LaunchException.CONFIGURATION, e.exitStatus());
        assertTrue(e.getMessage().startsWith("unknown feature 'full'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("available features: core, workbench"), e.getMessage());
    }

    @Test
    void aValueWithASlashOrJsonSuffixIsAPath() throws Exception {
        Path own = Files.writeString(home.resolve("mine.json"), "{}");
        assertEquals(own, distribution.featureFile(own.toString()));
        LaunchException e = assertThrows(LaunchException.class, () -> distribution.featureFile(home + "/other.json"));
        assertTrue(e.getMessage().contains("other.json does not exist"), e.getMessage());
    }

    @Test
    void resolvesEveryBundleInStartOrder() throws Exception {
        putJar("g:a:1");
        putJar("g:b:jar:natives:2");
        Feature feature = Feature.parse(new StringReader(
                "{\"id\": \"g:f:1\", \"bundles\": [{\"id\": \"g:a:1\", \"start-order\": 5}, \"g:b:jar:natives:2\"]}"), "f");
        List<ResolvedBundle> resolved = distribution.resolve(feature);
        assertEquals(List.of(home.resolve("system/g/b/2/b-2-natives.jar"), home.resolve("system/g/a/1/a-1.jar")),
                resolved.stream().map(ResolvedBundle::jar).toList());
    }

    @Test
    void missingJarsAreAllNamedWithWhereTheyWereExpected() throws Exception {
        putJar("g:present:1");
        Feature feature = Feature.parse(new StringReader(
                "{\"id\": \"g:f:1\", \"bundles\": [\"g:gone:1\", \"g:present:1\", \"g:other:2\"]}"), "f");
        LaunchException e = assertThrows(LaunchException.class, () -> distribution.resolve(feature));
        assertEquals(LaunchException.CONFIGURATION, e.exitStatus());
        assertTrue(e.getMessage().contains("names 2 bundles missing"), e.getMessage());
        assertTrue(e.getMessage().contains("g:gone:1 (expected " + home.resolve("system/g/gone/1/gone-1.jar") + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("g:other:2"), e.getMessage());
    }
}
