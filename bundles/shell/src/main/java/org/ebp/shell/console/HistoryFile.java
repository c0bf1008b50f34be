package org.ebp.shell.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebp.io.SafeFiles;

/**
 * The shell's command history in {@code <ebp.user.home>/history}: one command a line (a newline
 * inside a command written as {@code \n}, a backslash as {@code \\}), the newest last, at most
 * {@link #MAX_LINES}. Written whole through {@link SafeFiles} after each command, so a crash never
 * leaves half a file.
 */
final class HistoryFile {

    static final int MAX_LINES = 1000;

    private final Path file;

    HistoryFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The commands kept, oldest first; none when the file is missing or unreadable. */
    List<String> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> commands = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    commands.add(unescape(line));
                }
            }
            return commands.subList(Math.max(0, commands.size() - MAX_LINES), commands.size());
        } catch (IOException | RuntimeException e) {
            return List.of(); // a damaged history is no reason to refuse a shell
        }
    }

    /** Writes the newest {@link #MAX_LINES} commands. */
    void save(List<String> commands) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (String c : commands.subList(Math.max(0, commands.size() - MAX_LINES), commands.size())) {
            text.append(escape(c)).append('\n');
        }
        SafeFiles.writeString(file, text.toString());
    }

    static String escape(String command) {
        return command.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String unescape(String line) {
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                b.append(next == 'n' ? '\n' : next);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
