package org.ebp.shell.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.felix.gogo.jline.Parser;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentEntry;
import org.ebp.shell.ArgSpec;
import org.ebp.shell.CommandIndex;
import org.ebp.shell.CommandSpec;
import org.ebp.shell.DeclaredCommands;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

/** The JLine side: words as Gogo's parser splits them reach the completer. */
class JLineCompleterTest {

    private final DeclaredCommands commands = () -> List.of(
            CommandSpec.of("train", null, "training", "train", List.of(ArgSpec.free("EPOCHS", "")), List.of()),
            CommandSpec.of("use", null, "training", "use", List.of(ArgSpec.choice("KIND", "", "optimizer"),
                    new ArgSpec("NAME", "", new ArgSpec.ComponentsOfArg(0))), List.of()));

    private final JLineCompleter completer = new JLineCompleter(new WordCompleter(CommandIndex_of(commands),
            new CompletionContext() {
                @Override
                public Set<String> otherCommands() {
                    return Set.of();
                }

                @Override
                public List<ComponentEntry> components(ComponentKind kind) {
                    return List.of(new ComponentEntry(kind, "adam", "", List.of(), "b", 0),
                            new ComponentEntry(kind, "sgd", "", List.of(), "b", 0));
                }

                @Override
                public Set<String> splits() {
                    return Set.of();
                }

                @Override
                public Path currentDir() {
                    return Path.of(".");
                }
            }));

    private static CommandIndex CommandIndex_of(DeclaredCommands commands) {
        CommandIndex index = new CommandIndex();
        index.addSourceForTests(commands);
        return index;
    }

    private List<String> complete(String line) {
        ParsedLine parsed = new Parser().parse(line, line.length(), ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, parsed, candidates);
        return candidates.stream().map(Candidate::value).toList();
    }

    @Test
    void theCommandWordCompletes() {
        assertEquals(List.of("train"), complete("tra"));
    }

    @Test
    void aComponentNameCompletesAfterItsKind() {
        assertEquals(List.of("adam"), complete("use optimizer ad"));
    }

    @Test
    void onlyTheCommandAfterASemicolonCounts() {
        assertEquals(List.of("adam"), complete("train 3; use optimizer a"));
    }
}
