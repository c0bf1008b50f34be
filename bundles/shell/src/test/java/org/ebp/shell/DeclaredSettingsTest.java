package org.ebp.shell;

import org.ebp.io.Nearest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One declaration gives the usage, the help and the check of a command's settings. */
class DeclaredSettingsTest {

    private final CommandSpec train = TrainingCommands.train(SessionDeclarations.TRAIN);

    @Test
    void theUsageShowsTheDefaultsTheCheckUses() {
        assertTrue(train.usage().startsWith("train EPOCHS [batch=1] [eval=auto] [seed=1] "), train.usage());
        assertTrue(train.usage().contains(" [background=false]"), train.usage());
    }

    @Test
    void wellFormedSettingsPassAsTyped() {
        Map<String, String> given = train.settings(new String[] {"batch=10", "eval=test"}, 0);
        assertEquals(Map.of("batch", "10", "eval", "test"), given);
    }

    @Test
    void anUnknownKeyIsRefusedWithTheNearestNameAndTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train.settings(new String[] {"bacth=10"}, 0));
        assertTrue(e.getMessage().contains("no setting 'bacth'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'batch'?"), e.getMessage());
        assertTrue(e.getMessage().contains("usage: train EPOCHS"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeOrOutOfRangeIsRefused() {
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> train.settings(new String[] {"batch=ten"}, 0));
        assertTrue(type.getMessage().contains("batch"), type.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> train.settings(new String[] {"batch=0"}, 0));
        assertTrue(range.getMessage().contains("batch"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> train.settings(new String[] {"background=maybe"}, 0));
    }

    @Test
    void openSettingsLetTheSessionCheckComponentKeys() {
        CommandSpec net = CommandIndex.in(TrainingCommands.COMMANDS, "net", null);
        assertEquals(Map.of("gain", "2"), net.settings(new String[] {"gain=2"}, 0));
    }

    @Test
    void everyCommandHasASummaryAndEverySubCommandItsOwnDeclaration() {
        CommandIndex index = CommandIndex.of(List.of(SessionDeclarations::training, () -> DataCommands.COMMANDS,
                () -> RunCommands.COMMANDS, SessionDeclarations::hessian, () -> PluginCommands.COMMANDS,
                () -> ComponentCommands.COMMANDS, () -> HelpCommands.COMMANDS, () -> RunRecordCommands.COMMANDS));
        for (CommandSpec c : index.all()) {
            assertFalse(c.summary().isBlank(), c.fullName());
        }
        assertEquals(List.of("info", "load", "split", "stats"), index.subs("data"));
        assertEquals("data load", index.find("data", "load").fullName());
        assertEquals("transform", index.find("transform", "pca").fullName(), "a transform name is not a sub-command");
    }

    @Test
    void errorsAreOneLineWithoutJavaClassNames() {
        CommandIndex index = CommandIndex.of(List.of(SessionDeclarations::training));
        String coerce = ShellErrors.oneLine(new IllegalArgumentException(
                "Cannot coerce train(Token) to any of [(CommandSession, int, String[])]"), index, java.util.Set.of());
        assertEquals("wrong arguments for train; usage: " + TrainingCommands.train(SessionDeclarations.TRAIN).usage(),
                coerce);
        String wrapped = ShellErrors.oneLine(new java.lang.reflect.InvocationTargetException(
                new IllegalStateException("no data loaded; data load digits\n at somewhere")), index, java.util.Set.of());
        assertEquals("no data loaded; data load digits", wrapped);
        String empty = ShellErrors.oneLine(new NullPointerException(), index, java.util.Set.of());
        assertFalse(empty.contains("java."), empty);
        assertTrue(ShellErrors.oneLine(new OutOfMemoryError("Java heap space"), index, java.util.Set.of())
                .startsWith("not enough memory"));
        String huge = ShellErrors.oneLine(new IllegalArgumentException("x".repeat(100_000)), index, java.util.Set.of());
        assertTrue(huge.length() < 500, "a huge message is cut");
    }

    @Test
    void theNearestNameIsSuggestedOnlyForTypos() {
        assertEquals("train", Nearest.word("trian", List.of("train", "transform", "status")));
        assertEquals("status", Nearest.word("stauts", List.of("train", "status")));
        assertEquals(null, Nearest.word("xyzzy", List.of("train", "status")));
    }
}
