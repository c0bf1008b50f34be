package org.ebp.engine.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The folder where a trained network goes before a command discards it:
 * {@code <ebp.user.home>/autosave} (default {@code ~/.ebp-workbench/autosave}), one checkpoint
 * per discard, named by time and command, the newest {@value #KEEP} kept.
 */
final class Autosave {

    /** Autosaved checkpoints kept; older ones are deleted when a new one is written. */
    static final int KEEP = 10;
    private static final String PREFIX = "autosave-";
    private static final String SUFFIX = ".ckpt.json";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT);

    private final Path folder;

    Autosave(Path folder) {
        this.folder = folder;
    }

    /** The folder of the workbench's user home ({@code ebp.user.home}). */
    static Autosave ofUserHome() {
        String home = System.getProperty("ebp.user.home");
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".ebp-workbench") : Path.of(home);
        return new Autosave(base.resolve("autosave"));
    }

    Path folder() {
        return folder;
    }

    /** A new file for {@code action}'s autosave; creates the folder. */
    Path next(String action) throws IOException {
        Files.createDirectories(folder);
        String word = action.replaceAll("[^A-Za-z0-9]+", "-");
        Path file = folder.resolve(PREFIX + TIME.format(LocalDateTime.now()) + "-" + word + SUFFIX);
        for (int n = 2; Files.exists(file); n++) {
            file = folder.resolve(PREFIX + TIME.format(LocalDateTime.now()) + "-" + word + "-" + n + SUFFIX);
        }
        return file;
    }

    /** Deletes all but the newest {@value #KEEP} autosaves. */
    void prune() throws IOException {
        List<Path> files = list();
        for (int i = 0; i < files.size() - KEEP; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    /** The newest autosave, or null. */
    Path newest() throws IOException {
        List<Path> files = list();
        return files.isEmpty() ? null : files.get(files.size() - 1);
    }

    /** Autosaves, oldest first (their names begin with the time). */
    List<Path> list() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX) && Files.isRegularFile(p);
            }).sorted().forEach(out::add);
        }
        return out;
    }
}
