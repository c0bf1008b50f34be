package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.session.ComponentEntry;
import org.ebp.shell.console.CompletionContext;
import org.ebp.shell.console.Suggestion;
import org.ebp.shell.console.WordCompleter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TAB completion reads the command declarations and the live registry. */
class CompletionTest {

    @TempDir
    Path folder;

    /** A registry that can change between two TABs, like the OSGi one when a plugin arrives. */
    private final List<ComponentEntry> registry = new CopyOnWriteArrayList<>(List.of(
            entry(ComponentKind.OPTIMIZER, "adam", ParameterSpec.real("lr", 0.001, 0, 10, "rate"),
                    ParameterSpec.real("beta1", 0.9, 0, 1, "first moment")),
            entry(ComponentKind.OPTIMIZER, "adagrad", ParameterSpec.real("lr", 0.01, 0, 10, "rate")),
            entry(ComponentKind.OPTIMIZER, "sgd", ParameterSpec.real("lr", 0.01, 0, 10, "rate")),
            entry(ComponentKind.DATASET, "digits"),
            entry(ComponentKind.DATASET, "csv", ParameterSpec.text("path", null, "file"),
                    ParameterSpec.choice("header", "auto", List.of("auto", "true", "false"), "header row")),
            entry(ComponentKind.INITIALIZER, "fan-in")));

    /** The variants an ablate can run now (plugins add some while the workbench runs). */
    private final List<String> variants = new CopyOnWriteArrayList<>(List.of("no-standardization", "no-annealing",
            "class-sorted"));

    /** As StudyCommands declares them, with the variants from the list above instead of the study service. */
    private final DeclaredCommands studies = new DeclaredCommands() {
        @Override
        public List<CommandSpec> commands() {
            return StudyCommands.COMMANDS;
        }

        @Override
        public List<String> values(CommandSpec command, String key) {
            return command.name().equals("ablate") && (key.equals("only") || key.equals("skip")) ? variants : List.of();
        }
    };

    private final WordCompleter completer = new WordCompleter(CommandIndex.of(List.of(
            SessionDeclarations::training, () -> DataCommands.COMMANDS, () -> RunCommands.COMMANDS,
            () -> HelpCommands.COMMANDS, SessionDeclarations::hessian, studies)), new CompletionContext() {
        @Override
        public Set<String> otherCommands() {
            return Set.of("lb", "grep", "echo", "__files");
        }

        @Override
        public List<ComponentEntry> components(ComponentKind kind) {
            return registry.stream().filter(e -> e.kind() == kind).toList();
        }

        @Override
        public Set<String> splits() {
            return Set.of("train", "test");
        }

        @Override
        public Path currentDir() {
            return folder;
        }
    });

    private static ComponentEntry entry(ComponentKind kind, String name, ParameterSpec... settings) {
        return new ComponentEntry(kind, name, name + " component", List.of(settings), "org.ebp.test", 0);
    }

    private List<String> values(String line) {
        List<String> words = new ArrayList<>(List.of(line.split(" ", -1)));
        String current = words.remove(words.size() - 1);
        return completer.complete(words, current).stream().map(Suggestion::value).toList();
    }

    @Test
    void commandWordsCompleteFromTheDeclarationsAndGogo() {
        assertEquals(List.of("train", "transform"), values("tra"));
        assertEquals(List.of("grep"), values("gr"));
        assertFalse(values("").contains("__files"), "Gogo's internal functions are not offered");
    }

    @Test
    void subCommandsAndComponentNamesComplete() {
        assertEquals(List.of("load"), values("data lo"));
        assertEquals(List.of("info", "load", "split", "stats"), values("data "));
        assertEquals(List.of("digits"), values("data load di"));
        assertEquals(List.of("eig"), values("hessian e"));
    }

    @Test
    void useCompletesKindsThenNamesOfThatKind() {
        assertEquals(List.of("optimizer"), values("use opt"));
        assertEquals(List.of("adam", "adagrad"), values("use optimizer ad"));
        assertEquals(List.of(), values("use optimizer zz"));
    }

    @Test
    void ablateOnlyAndSkipCompleteTheVariantsItemByItem() {
        assertEquals(List.of("only=no-standardization", "only=no-annealing"), values("ablate only=no"));
        assertEquals(List.of("skip=no-standardization,class-sorted"), values("ablate skip=no-standardization,cl"));
        assertEquals(List.of("only=class-sorted,no-standardization", "only=class-sorted,no-annealing"),
                values("ablate only=class-sorted,"));
        variants.add("no-momentum");
        assertEquals(List.of("skip=no-standardization", "skip=no-annealing", "skip=no-momentum"), values("ablate skip=no"));
        assertEquals(List.of("seeds="), values("ablate see"));
    }

    @Test
    void aPluginsNamesCompleteAsSoonAsItArrives() {
        assertEquals(List.of("adam", "adagrad"), values("use optimizer ad"));
        registry.add(entry(ComponentKind.OPTIMIZER, "adadelta"));
        assertEquals(List.of("adam", "adagrad", "adadelta"), values("use optimizer ad"));
    }

    @Test
    void settingsOfTheCommandAndOfTheNamedComponentComplete() {
        List<String> train = values("train 5 ");
        assertEquals(List.of("batch=", "eval=", "seed="), train.subList(0, 3));
        assertTrue(train.contains("background="), train.toString());
        List<String> rest = values("train 5 batch=10 eval=test ");
        assertFalse(rest.contains("batch=") || rest.contains("eval="), "given keys are not offered again: " + rest);
        assertTrue(rest.contains("seed="), rest.toString());
        assertEquals(List.of("lr=", "beta1="), values("use optimizer adam "));
        assertEquals(List.of("beta1="), values("use optimizer adam b"));
        assertEquals(List.of("path=", "header="), values("data load csv "));
        assertEquals(List.of("header=auto", "header=true", "header=false"), values("data load csv header="));
        assertEquals(List.of("background=true", "background=false"), values("train 5 background="));
    }

    @Test
    void componentValuedSettingsOfferTheRegisteredNames() {
        assertEquals(List.of("init=fan-in"), values("net 64-30-10 init=f"));
    }

    @Test
    void splitsComplete() {
        assertEquals(List.of("test", "train", "detail="), values("evaluate "));
        assertEquals(List.of("train"), values("data info tr"));
    }

    @Test
    void fileNamesCompleteForPathAndFileSettings() throws IOException {
        Files.writeString(folder.resolve("iris.csv"), "1,2\n");
        Files.createDirectories(folder.resolve("inputs"));
        Files.writeString(folder.resolve("inputs").resolve("wine.csv"), "1,2\n");
        assertEquals(List.of("path=inputs/", "path=iris.csv"), values("data load csv path="));
        assertEquals(List.of("path=inputs/wine.csv"), values("data load csv path=inputs/w"));
        List<Suggestion> folderOnly = completer.complete(List.of("data", "load", "csv"), "path=in");
        assertFalse(folderOnly.get(0).complete(), "a folder goes on: no space after it");
        assertEquals(List.of("file=inputs/", "file=iris.csv"), values("hessian spectrum file="));
        assertTrue(values("transform save ").contains("iris.csv"));
    }
}
