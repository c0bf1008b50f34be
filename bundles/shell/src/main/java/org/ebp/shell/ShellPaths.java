package org.ebp.shell;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.felix.service.command.CommandSession;

/** File names the user types are relative to the shell's current folder ({@code cd}), not the JVM's. */
public final class ShellPaths {

    /** Setting keys whose value is a file or folder (also what TAB completes as files). */
    public static final Set<String> FILE_KEYS = Set.of("path", "file", "images", "labels", "dir", "checkpoint", "out",
            "to");

    private ShellPaths() {
    }

    /** The absolute path a typed name stands for ({@code ~/} is the user's home). */
    public static Path resolve(CommandSession session, String typed) {
        String text = typed.startsWith("~/") ? System.getProperty("user.home") + typed.substring(1) : typed;
        Path base = session == null ? Path.of("").toAbsolutePath() : session.currentDir();
        return base.resolve(text).toAbsolutePath().normalize();
    }

    /** The settings with every file-valued one ({@link #FILE_KEYS}) made absolute; the map is changed in place. */
    public static <M extends Map<String, String>> M resolveFiles(CommandSession session, M settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (FILE_KEYS.contains(e.getKey()) && !e.getValue().isBlank() && !e.getValue().contains("://")) {
                e.setValue(resolve(session, e.getValue()).toString());
            }
        }
        return settings;
    }
}
