package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ebp.api.command.CommandDeclaration;
import org.ebp.api.command.CommandDeclarations;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.session.ComponentEntry;
import org.ebp.shell.console.CompletionContext;
import org.ebp.shell.console.Suggestion;
import org.ebp.shell.console.WordCompleter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands of other bundles (plots, dashboard, plugins), declared through the API, are listed,
 * described and completed like the shell's own, and come and go with their service.
 */
class OtherBundlesCommandsTest {

    @TempDir
    Path folder;

    private static final List<CommandDeclaration> PLOTS = List.of(
            new CommandDeclaration("plot", "curves", "plots", "curves per epoch",
                    List.of(CommandDeclaration.Argument.runs("[RUN...]", "run ids")),
                    List.of(ParameterSpec.text("file", null, "F.png or F.svg"),
                            ParameterSpec.integer("width", 800, 320, 4000, "pixels"))),
            new CommandDeclaration("plot", "spectrum", "plots", "largest eigenvalues", List.of(),
                    List.of(ParameterSpec.text("file", null, "F.png or F.svg"),
                            ParameterSpec.choice("method", "lanczos", List.of("lanczos", "exact"), "method"))));

    private final CommandIndex index = CommandIndex.of(List.of(SessionDeclarations::training));
    private final CommandDeclarations plots = () -> PLOTS;

    private List<String> complete(String line) {
        WordCompleter completer = new WordCompleter(index, new CompletionContext() {
            @Override
            public Set<String> otherCommands() {
                return Set.of();
            }

            @Override
            public List<ComponentEntry> components(ComponentKind kind) {
                return List.of();
            }

            @Override
            public Set<String> splits() {
                return Set.of();
            }

            @Override
            public Path currentDir() {
                return folder;
            }
        });
        List<String> words = new ArrayList<>(List.of(line.split(" ", -1)));
        String current = words.remove(words.size() - 1);
        return completer.complete(words, current).stream().map(Suggestion::value).toList();
    }

    @Test
    void theirSubCommandsSettingsAndChoicesComplete() {
        assertEquals(List.of(), complete("plot "), "not there before the bundle");
        index.addDeclarationsForTests(plots);
        assertEquals(List.of("curves", "spectrum"), complete("plot "));
        assertEquals(List.of("file=", "width="), complete("plot curves "));
        assertEquals(List.of("method=lanczos", "method=exact"), complete("plot spectrum method="));
        index.removeDeclarations(plots);
        assertEquals(List.of(), complete("plot "), "gone with the bundle");
    }

    @Test
    void theyAreListedInTheirGroupWithTheirUsage() {
        index.addDeclarationsForTests(plots);
        CommandSpec curves = index.find("plot", "curves");
        assertEquals("plots", curves.group());
        assertEquals("plot curves [RUN...] [file=...] [width=800]".replace("[file=...]", "file=..."), curves.usage());
        List<String> order = index.all().stream().map(CommandSpec::fullName).toList();
        assertTrue(order.indexOf("train") < order.indexOf("plot curves"), "training before plots: " + order);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> curves.settings(new String[] {"widht=9"}, 0));
        assertTrue(e.getMessage().contains("did you mean 'width'?"), e.getMessage());
    }
}
