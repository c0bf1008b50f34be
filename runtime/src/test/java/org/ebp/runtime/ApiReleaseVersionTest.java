package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, point 9: the API is released under a real version that matches its packages: the
 * highest package version (package-info.java) is the API's Maven and bundle version, so a plugin
 * author's "org.ebp.api 1.4.0" has every package at 1.4.0 or below, and no snapshot.
 */
class ApiReleaseVersionTest {

    private static final Path REPO = Path.of(System.getProperty("ebp.features.source", "../features")).getParent();
    private static final Pattern VERSION = Pattern.compile("@org\\.osgi\\.annotation\\.versioning\\.Version\\(\"(\\d+)\\.(\\d+)\\.(\\d+)\"\\)");

    @Test
    void theApiVersionIsTheHighestPackageVersionAndNotASnapshot() throws Exception {
        List<int[]> versions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPO.resolve("bundles/api/src/main/java"))) {
            for (Path info : files.filter(p -> p.getFileName().toString().equals("package-info.java")).toList()) {
                Matcher m = VERSION.matcher(Files.readString(info));
                assertTrue(m.find(), info + " has no @Version");
                versions.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
            }
        }
        int[] highest = versions.stream().max((a, b) -> a[0] != b[0] ? a[0] - b[0] : a[1] != b[1] ? a[1] - b[1] : a[2] - b[2])
                .orElseThrow();
        String expected = highest[0] + "." + highest[1] + "." + highest[2];
        String parent = Files.readString(REPO.resolve("pom.xml"));
        Matcher property = Pattern.compile("<ebp.api.version>([^<]+)</ebp.api.version>").matcher(parent);
        assertTrue(property.find(), "the parent pom names ebp.api.version");
        assertEquals(expected, property.group(1), "ebp.api.version must be the highest API package version");
        String api = Files.readString(REPO.resolve("bundles/api/pom.xml"));
        assertTrue(api.contains("<version>" + expected + "</version>"), "bundles/api/pom.xml has the version " + expected);
        String kit = Files.readString(REPO.resolve("sdk/conformance/pom.xml"));
        assertTrue(kit.contains("<version>" + expected + "</version>"), "sdk/conformance/pom.xml has the version " + expected);
        assertFalse(expected.contains("SNAPSHOT"));
    }
}
