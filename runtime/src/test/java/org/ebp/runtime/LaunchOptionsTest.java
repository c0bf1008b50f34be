package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private static final Duration DEFAULT = Duration.ofSeconds(30);

    private static LaunchOptions parse(String... args) throws LaunchException {
        return LaunchOptions.parse(List.of(args), DEFAULT);
    }

    @Test
    void noArgumentsMeansTheInteractiveWorkbench() throws LaunchException {
        LaunchOptions options = parse();
        assertEquals("workbench", options.feature());
        assertFalse(options.scripted());
        assertEquals(DEFAULT, options.readyTimeout());
    }

    @Test
    void readsFeatureTimeoutAndScript() throws LaunchException {
        LaunchOptions options = parse("--feature", "core", "--timeout", "2.5", "demo.gosh");
        assertEquals("core", options.feature());
        assertEquals(Duration.ofMillis(2500), options.readyTimeout());
        assertEquals(Path.of("demo.gosh"), options.script());
        assertTrue(options.scripted());
        assertEquals("my.json", parse("--feature=my.json").feature());
    }

    @Test
    void commandsGivenWithDashC() throws LaunchException {
        LaunchOptions options = parse("-c", "lb; help");
        assertEquals("lb; help", options.commands());
        assertNull(options.script());
        assertTrue(options.scripted());
    }

    @Test
    void memberStartsTheClusterWithItsSettingsAndWaits() throws LaunchException {
        LaunchOptions options = parse("--member", "port=5702", "members=127.0.0.1:5701,127.0.0.1:5703");
        assertEquals("cluster start port=5702 members=127.0.0.1:5701,127.0.0.1:5703; cluster wait", options.commands());
        assertEquals("cluster start; cluster wait", parse("--member").commands());
        assertEquals("core", parse("--member", "--feature", "core").feature(), "options may follow its settings");
        LaunchException bad = org.junit.jupiter.api.Assertions.assertThrows(LaunchException.class,
                () -> parse("--member", "port=57;02"));
        org.junit.jupiter.api.Assertions.assertTrue(bad.getMessage().startsWith("--member setting 'port=57;02' is not "
                + "key=value"), bad.getMessage());
    }

    @Test
    void rejectsUnknownOptionsAndMissingValuesWithUsage() {
        LaunchException unknown = assertThrows(LaunchException.class, () -> parse("--verbose"));
        assertEquals(LaunchException.CONFIGURATION, unknown.exitStatus());
        assertTrue(unknown.getMessage().startsWith("unknown option '--verbose'"));
        assertTrue(unknown.getMessage().contains("usage: workbench"));
        assertTrue(assertThrows(LaunchException.class, () -> parse("--feature")).getMessage()
                .startsWith("option --feature needs a value"));
    }

    @Test
    void rejectsTwoScriptsOrAScriptWithDashC() {
        assertThrows(LaunchException.class, () -> parse("a.gosh", "b.gosh"));
        assertThrows(LaunchException.class, () -> parse("-c", "lb", "a.gosh"));
    }

    @Test
    void rejectsABadTimeout() {
        assertTrue(assertThrows(LaunchException.class, () -> parse("--timeout", "soon")).getMessage().contains("'soon'"));
        assertThrows(LaunchException.class, () -> parse("--timeout", "0"));
        assertThrows(LaunchException.class, () -> parse("--timeout", "NaN"));
    }

    @Test
    void helpWins() throws LaunchException {
        assertTrue(parse("--feature", "x", "--help").help());
    }
}
