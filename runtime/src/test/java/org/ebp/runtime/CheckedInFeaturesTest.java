package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The feature files of the source tree (../features): valid, consistent with each other and with the
 * bundle modules, and without the Gogo shell, which the launcher adds itself.
 */
class CheckedInFeaturesTest {

    private static final Path SOURCE = Path.of(System.getProperty("ebp.features.source", "../features"));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

    /** Reads a feature with its Maven placeholders replaced by a dummy version, as filtering would. */
    private static Feature feature(String name) throws IOException, LaunchException {
        String text = Files.readString(SOURCE.resolve(name + ".json"));
        return Feature.parse(new StringReader(PLACEHOLDER.matcher(text).replaceAll("0.0.0")), name + ".json");
    }

    private static Set<String> artifacts(Feature feature) {
        return feature.bundles().stream().map(b -> b.coordinates().artifactId()).collect(Collectors.toSet());
    }

    @Test
    void everyFeatureFileParses() throws IOException, LaunchException {
        try (Stream<Path> files = Files.list(SOURCE)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).toList();
            assertTrue(names.containsAll(List.of("workbench", "core")), names.toString());
            for (String name : names) {
                assertFalse(feature(name).bundles().isEmpty(), name);
            }
        }
    }

    @Test
    void theWorkbenchHoldsEveryBundleModuleAndTheCoreIsASubset() throws IOException, LaunchException {
        Set<String> workbench = artifacts(feature("workbench"));
        assertTrue(workbench.containsAll(artifacts(feature("core"))));
        Pattern artifactAfterParent = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
        try (Stream<Path> modules = Files.list(SOURCE.resolveSibling("bundles"))) {
            for (Path pom : modules.map(m -> m.resolve("pom.xml")).filter(Files::isRegularFile).toList()) {
                String text = Files.readString(pom);
                if (!text.contains("<artifactId>bnd-maven-plugin</artifactId>")) {
                    continue;       // a plain library copied into bundles (compute-kernels), not a bundle
                }
                Matcher m = artifactAfterParent.matcher(text);
                assertTrue(m.find(), "no artifactId in " + pom);
                // A new bundle module must be added to the workbench feature, or it never runs.
                assertTrue(workbench.contains(m.group(1)), "features/workbench.json lacks " + m.group(1) + " (" + pom + ")");
            }
        }
    }

    @Test
    void noFeatureListsTheGogoShell() throws IOException, LaunchException {
        for (String name : List.of("workbench", "core")) {
            for (String shell : List.of("org.apache.felix.gogo.shell", "org.apache.felix.gogo.jline", "org.jline")) {
                assertFalse(artifacts(feature(name)).contains(shell),
                        name + ": the launcher adds the Gogo shell itself (interactive or not), a second copy would clash");
            }
        }
    }

    @Test
    void versionsComeFromTheBuild() throws IOException {
        // Hard-coded versions drift from the poms; every version must be a Maven property.
        for (String name : List.of("workbench", "core")) {
            String text = Files.readString(SOURCE.resolve(name + ".json"));
            Matcher ids = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
            while (ids.find()) {
                String id = ids.group(1);
                assertEquals(id.lastIndexOf(':') + 1, id.indexOf("${"), name + ": version of " + id + " is not a ${property}");
            }
        }
    }
}
