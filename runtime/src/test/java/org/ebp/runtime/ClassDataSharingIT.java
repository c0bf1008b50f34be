package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code bin/workbench} keeps a class-data-sharing archive per distribution and
 * Java in the user's cache: the first start writes it in the background, later starts load the
 * workbench's classes from it, and an archive that is not one (a truncated or foreign file) costs
 * nothing but the sharing: the start prints no more than without it.
 */
class ClassDataSharingIT {

    private static final String SHARED = "source: shared objects file (top)";

    @TempDir
    Path cache;

    @TempDir
    Path home;

    @Test
    void theFirstStartWritesTheArchiveAndTheNextLoadsTheWorkbenchFromIt() throws Exception {
        Result first = run(Map.of(), "echo one");
        assertEquals(0, first.status(), first.output());
        Path archive = awaitArchive();

        Path classes = home.resolve("classes.log");
        Result second = run(Map.of("EBP_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "echo two");
        assertEquals(0, second.status(), second.output());
        assertEquals(List.of("g! echo two", "two"), second.lines(), "nothing but the script's output");
        List<String> ebpClasses = Files.readAllLines(classes).stream().filter(line -> line.contains(" org.ebp.")).toList();
        assertTrue(ebpClasses.stream().anyMatch(line -> line.contains("org.ebp.runtime.Launcher " + SHARED)), String.join("\n", ebpClasses));
        assertTrue(ebpClasses.stream().filter(line -> line.contains(SHARED)).count() > 100,
                "the bundles' classes come from " + archive + " too:\n" + String.join("\n", ebpClasses));

        Path unshared = home.resolve("unshared.log");
        Result off = run(Map.of("EBP_CDS", "off", "EBP_JAVA_OPTS", "-Xlog:class+load:file=" + unshared), "echo three");
        assertEquals(0, off.status(), off.output());
        assertTrue(Files.readAllLines(unshared).stream().noneMatch(line -> line.contains(" org.ebp.") && line.contains(SHARED)),
                "EBP_CDS=off starts without the archive");
    }

    @Test
    void aBrokenArchiveIsIgnoredSilently() throws Exception {
        run(Map.of(), "echo one");
        Path archive = awaitArchive();
        Files.delete(archive);
        Files.write(archive, new byte[] {'n', 'o', 't', ' ', 'a', 'n', ' ', 'a', 'r', 'c', 'h', 'i', 'v', 'e'});

        Result broken = run(Map.of(), "echo two");
        assertEquals(0, broken.status(), broken.output());
        assertEquals(List.of("g! echo two", "two"), broken.lines(), "no warning about the archive");
    }

    private Path awaitArchive() throws IOException, InterruptedException {
        Path folder = cache.resolve("ebp-workbench");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> archives = files.filter(file -> file.toString().endsWith(".jsa")).toList();
                    if (archives.size() == 1) {
                        return archives.get(0);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no archive in " + folder + " within 120 s of the first start");
    }

    private record Result(int status, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private Result run(Map<String, String> environment, String commands) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("ebp.dist", "target/ebp-workbench")).toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/workbench").toString(), "-c", commands);
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        builder.environment().put("EBP_JAVA_OPTS", "-Xmx512m -Debp.user.home=" + home);
        environment.forEach((name, value) -> builder.environment().merge(name, value, (own, extra) -> own + " " + extra));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the workbench did not exit:\n" + output);
        return new Result(process.exitValue(), output);
    }
}
