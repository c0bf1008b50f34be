package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14, point 9 and the "Done means": a plugin author with the distribution and Maven, not
 * this repository. The test starts a plugin from the shipped template (bin/new-plugin), builds it
 * offline with an empty local repository whose only source of org.ebp artifacts is the
 * distribution's system/ folder (Maven's own plugins come from the machine's repository, mirrored
 * as "central"; no reactor classes are on any path), checks that the API came from the
 * distribution, drops the jar into a copy of the distribution's plugins/, trains with it and swaps
 * it for adam. Runs after the distribution is assembled (failsafe, integration-test phase);
 * bounded by the timeouts below (about a minute on a quiet machine).
 */
class PluginFromTemplateIT {

    private static final Path DIST = Path.of(System.getProperty("ebp.dist", "target/ebp-workbench")).toAbsolutePath();
    private static final Path MACHINE_REPO = Path.of(System.getProperty("ebp.machine.repo",
            System.getProperty("user.home") + "/.m2/repository"));

    @TempDir
    Path work;

    private static String run(Path dir, long minutes, List<String> command, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Path log = Files.createTempFile(dir, "out", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(command + " took over " + minutes + " minutes:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out;
    }

    /** The distribution with hard links (the jars are not copied), so the test drops into its own plugins/. */
    private static void linkCopy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (f.getParent().getFileName().toString().equals("plugins") && f.toString().endsWith(".jar")) {
                    continue; // whatever was dropped into the source tree's distribution
                } else {
                    Files.createLink(target, f);
                    if (Files.isExecutable(f)) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }

    @Test
    void anAuthorBuildsAPluginFromTheTemplateAgainstTheDistributionDropsItInTrainsAndSwapsIt() throws Exception {
        assertTrue(Files.isExecutable(DIST.resolve("bin/new-plugin")), "the distribution ships bin/new-plugin");
        Path api = DIST.resolve("system/org/ebp/org.ebp.api");
        try (Stream<Path> versions = Files.list(api)) {
            List<Path> v = versions.toList();
            assertEquals(1, v.size(), "one API release in system/: " + v);
            String version = v.get(0).getFileName().toString();
            assertTrue(version.matches("1\\.\\d+\\.\\d+"), "a release version, not " + version);
            for (String classifier : List.of("", "-sources", "-javadoc")) {
                assertTrue(Files.isRegularFile(v.get(0).resolve("org.ebp.api-" + version + classifier + ".jar")), classifier);
            }
        }

        Path project = work.resolve("nadam-plugin");
        String created = run(work, 1, List.of(DIST.resolve("bin/new-plugin").toString(), project.toString(), "nadam"));
        assertTrue(created.startsWith("created " + project), created);

        Files.writeString(work.resolve("settings.xml"), "<settings><mirrors><mirror><id>machine</id><mirrorOf>central</mirrorOf>"
                + "<url>" + MACHINE_REPO.toUri() + "</url></mirror></mirrors></settings>");
        Path repo = work.resolve("repo");
        run(project, 5, List.of("mvn", "-B", "-q", "-o", "-s", work.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + repo, "package"));
        Path jar = project.resolve("target/nadam-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar), "the build made " + jar);
        assertTrue(Files.readString(project.resolve("target/surefire-reports/org.example.nadam.SignSgdOptimizerTest.txt"))
                .contains("Tests run: 7, Failures: 0, Errors: 0"), "the conformance tests ran and passed");
        // where the API came from: the distribution's repository, byte for byte
        Path resolved = repo.resolve("org/ebp/org.ebp.api");
        try (Stream<Path> versions = Files.list(resolved)) {
            Path dir = versions.findFirst().orElseThrow();
            String marker = Files.readString(dir.resolve("_remote.repositories"));
            assertTrue(marker.contains(">ebp-workbench="), marker);
            String name = "org.ebp.api-" + dir.getFileName() + ".jar";
            assertTrue(Arrays.equals(Files.readAllBytes(api.resolve(dir.getFileName()).resolve(name)),
                    Files.readAllBytes(dir.resolve(name))), "the API jar is the distribution's");
        }

        Path dist = work.resolve("ebp-workbench");
        linkCopy(DIST, dist);
        Files.copy(jar, dist.resolve("plugins/nadam-1.0.0.jar"));
        Path script = Files.writeString(work.resolve("author.gosh"), String.join("\n",
                "plugin list",
                "data load digits",
                "data split train=0.8 test=0.2 seed=42",
                "transform standardize",
                "net 64-30-10 activation=scaled-tanh coding=pm1 seed=1",
                "use optimizer nadam lr=0.002",
                "train 2 batch=16 eval=test",
                "use optimizer adam",
                "train 1 batch=16 eval=test",
                "use optimizer nadam",
                "train 1 batch=16 eval=test", ""));
        String out = run(work, 3, List.of(dist.resolve("bin/workbench").toString(), script.toString()),
                "EBP_JAVA_OPTS", "-Xmx512m -Debp.user.home=" + work.resolve("home"));
        assertTrue(out.contains("nadam 1.0.0  (plugins/)") && out.contains("optimizer/nadam"), out);
        assertTrue(out.contains("optimizer nadam lr=0.002 beta=0.9"), out);
        assertTrue(out.contains("epoch   2  step"), out);
        assertTrue(out.contains("optimizer adam lr=0.001"), out);
        assertTrue(out.contains("epoch   4  step"), "trained with nadam, then adam, then nadam again:\n" + out);
        List<String> accuracies = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("epoch ") && line.contains("test acc ")) {
                accuracies.add(line.substring(line.indexOf("test acc ") + 9, line.indexOf('%', line.indexOf("test acc "))));
            }
        }
        assertEquals(4, accuracies.size(), out);
        assertTrue(Double.parseDouble(accuracies.get(3)) > 80, "it learns: " + accuracies);
    }
}
