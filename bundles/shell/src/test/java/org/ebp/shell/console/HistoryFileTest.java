package org.ebp.shell.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {

    @TempDir
    Path home;

    @Test
    void commandsSurviveARestartMultiLineOnesIncluded() throws IOException {
        HistoryFile file = new HistoryFile(home.resolve("history"));
        List<String> commands = List.of("data load digits", "each [1 2] {\n echo $it\n}", "echo a\\nb");
        file.save(commands);
        assertEquals(commands, new HistoryFile(home.resolve("history")).load());
    }

    @Test
    void onlyTheNewestAreKept() throws IOException {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < HistoryFile.MAX_LINES + 50; i++) {
            many.add("train " + i);
        }
        HistoryFile file = new HistoryFile(home.resolve("history"));
        file.save(many);
        List<String> kept = file.load();
        assertEquals(HistoryFile.MAX_LINES, kept.size());
        assertEquals("train " + (HistoryFile.MAX_LINES + 49), kept.get(kept.size() - 1));
    }

    @Test
    void aMissingOrUnreadableHistoryIsEmpty() throws IOException {
        assertEquals(List.of(), new HistoryFile(home.resolve("none")).load());
        Files.createDirectories(home.resolve("folder"));
        assertEquals(List.of(), new HistoryFile(home.resolve("folder")).load());
    }
}
