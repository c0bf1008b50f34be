package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The four checked-in features build on each other: core within first-order within second-order within workbench. */
class FeatureLayersTest {

    private static final Path SOURCE = Path.of(System.getProperty("ebp.features.source", "../features"));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

    private static Set<String> artifacts(String name) throws IOException, LaunchException {
        String text = Files.readString(SOURCE.resolve(name + ".json"));
        Feature feature = Feature.parse(new StringReader(PLACEHOLDER.matcher(text).replaceAll("0.0.0")), name + ".json");
        return feature.bundles().stream().map(b -> b.coordinates().artifactId()).collect(Collectors.toSet());
    }

    @Test
    void eachFeatureExtendsTheOneBelow() throws IOException, LaunchException {
        Set<String> core = artifacts("core");
        Set<String> first = artifacts("first-order");
        Set<String> second = artifacts("second-order");
        Set<String> workbench = artifacts("workbench");
        assertTrue(first.containsAll(core), "first-order lacks part of core");
        assertTrue(second.containsAll(first), "second-order lacks part of first-order");
        assertTrue(workbench.containsAll(second), "workbench lacks part of second-order");
        assertTrue(first.contains("org.ebp.optim.first") && !first.contains("org.ebp.optim.second"));
        assertTrue(second.contains("org.ebp.optim.second"));
        assertFalse(core.contains("org.ebp.optim.first"));
        for (Set<String> f : java.util.List.of(core, first, second, workbench)) {
            assertTrue(f.contains("org.apache.felix.fileinstall"), "every feature watches plugins/");
        }
    }
}
