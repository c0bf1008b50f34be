package org.ebp.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Hazelcast logs through java.util.logging (hazelcast.logging.type=jdk); its logger tree goes to
 * {@code <ebp.user.home>/logs/cluster.log} and never to the console, where its lines would land
 * in the middle of the prompt. Warnings and errors are kept there too; {@code cluster status}
 * names the file.
 */
final class HazelcastLog {

    private static final Logger ROOT = Logger.getLogger("com.hazelcast");
    private static FileHandler handler;

    private HazelcastLog() {
    }

    static Path file() {
        String home = System.getProperty("ebp.user.home");
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".ebp-workbench") : Path.of(home);
        return base.resolve("logs").resolve("cluster.log");
    }

    /** Sends Hazelcast's logging to the file (once per JVM); without a writable file, it is dropped. */
    static synchronized void route() {
        ROOT.setUseParentHandlers(false);
        ROOT.setLevel(Level.INFO);
        if (handler != null) {
            return;
        }
        try {
            Files.createDirectories(file().getParent());
            handler = new FileHandler(file().toString(), 2_000_000, 1, true);
            handler.setFormatter(new SimpleFormatter());
            ROOT.addHandler(handler);
        } catch (IOException | RuntimeException e) {
            ROOT.setLevel(Level.OFF);
        }
    }
}
