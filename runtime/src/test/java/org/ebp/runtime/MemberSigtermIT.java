package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A headless member ({@code bin/workbench --member}) stopped as the README says, by SIGTERM: it
 * leaves the cluster, says "member ... stopped" and exits, with no error line (the interrupted
 * {@code cluster wait} once printed {@code error: line 1: ...: java.lang.InterruptedException}).
 * Loopback only, on a port chosen here; the process is killed if it outlives the test.
 */
class MemberSigtermIT {

    @TempDir
    Path home;

    private Process process;

    @AfterEach
    void end() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMemberStopsCleanlyOnSigterm() throws Exception {
        Path dist = Path.of(System.getProperty("ebp.dist", "target/ebp-workbench")).toAbsolutePath();
        assertTrue(Files.isExecutable(dist.resolve("bin/workbench")), "no distribution at " + dist + "; mvn package builds it");
        Path log = home.resolve("member.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(dist.resolve("bin/workbench").toString(), "--member",
                "port=" + freePort()));
        builder.environment().put("EBP_JAVA_OPTS", "-Xmx512m -Debp.user.home=" + home);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!read(log).contains("takes runs until it is stopped") && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(200);
        }
        assertTrue(read(log).contains("takes runs until it is stopped"), "the member did not come up:\n" + read(log));

        // Process.destroy() sends SIGTERM on Linux; the launcher runs exec java, so it reaches the JVM
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the member did not exit within 60 s of SIGTERM:\n" + read(log));
        String output = read(log);
        assertTrue(output.contains("member 127.0.0.1:") && output.contains("stopped"), output);
        assertFalse(output.contains("error:"), "no error line on the way out:\n" + output);
        assertFalse(output.contains("Exception"), "no exception on the way out:\n" + output);
        assertEquals(143, process.exitValue(), "the exit status of a process ended by SIGTERM (128 + 15)");
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
