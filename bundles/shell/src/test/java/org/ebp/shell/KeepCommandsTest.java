package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentEntry;
import org.ebp.shell.console.CompletionContext;
import org.ebp.shell.console.Suggestion;
import org.ebp.shell.console.WordCompleter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepCommandsTest {

    @Test
    void oneFileIsTaken() {
        assertEquals(Path.of("m.json"), KeepCommands.file("model", "save", new String[] {"m.json"}));
    }

    @Test
    void noFileOrTwoFilesAreExplainedWithAnExample() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> KeepCommands.file("weights", "export", new String[0]));
        assertEquals("weights export needs one file, e.g. weights export net.npz", none.getMessage());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> KeepCommands.file("checkpoint", "load", new String[] {"a", "b"}));
        assertEquals("checkpoint load needs one file, e.g. checkpoint load run.ckpt.json", two.getMessage());
    }

    @TempDir
    Path folder;

    private static PredictCommand.Request predict(String... words) {
        return PredictCommand.parse(null, words);
    }

    @Test
    void predictReadsCsvOrIdxByTheFilesName() {
        Path here = Path.of("").toAbsolutePath();
        PredictCommand.Request csv = predict("new.csv", "out=p.csv", "header=true");
        assertEquals("csv", csv.source());
        assertEquals(Map.of("path", here.resolve("new.csv").toString(), "header", "true"), csv.settings());
        assertEquals(here.resolve("p.csv"), csv.out());
        assertEquals(Map.of("path", here.resolve("a.csv").toString()), predict("a.csv", "out=p.csv", "label=auto").settings(),
                "label=auto is the engine's own choice: nothing is passed");
        PredictCommand.Request idx = predict("t10k-images-idx3-ubyte.gz", "out=p.csv", "labels=t10k-labels-idx1-ubyte.gz",
                "detail=true");
        assertEquals("idx", idx.source());
        assertEquals(Map.of("images", here.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "labels", here.resolve("t10k-labels-idx1-ubyte.gz").toString()), idx.settings());
        assertEquals(true, idx.detail());
        assertEquals("csv", predict("t10k-images-idx3-ubyte.gz", "out=p.csv", "format=csv").source());
    }

    @Test
    void predictRefusesWhatItCannotDoInOneLine() {
        assertEquals("predict needs the data file first, e.g. predict new.csv out=predictions.csv; " + PredictCommand.USAGE,
                assertThrows(IllegalArgumentException.class, () -> predict("out=p.csv")).getMessage());
        String noOut = assertThrows(IllegalArgumentException.class, () -> predict("new.csv")).getMessage();
        assertTrue(noOut.contains("out"), noOut);
        String typo = assertThrows(IllegalArgumentException.class, () -> predict("new.csv", "otu=p.csv")).getMessage();
        assertTrue(typo.contains("predict has no setting 'otu'") && typo.contains("out"), typo);
        String mixed = assertThrows(IllegalArgumentException.class,
                () -> predict("x-idx3-ubyte", "out=p.csv", "header=true")).getMessage();
        assertTrue(mixed.contains("header= is for CSV files"), mixed);
        String labels = assertThrows(IllegalArgumentException.class,
                () -> predict("new.csv", "out=p.csv", "labels=l.idx")).getMessage();
        assertTrue(labels.contains("labels= names the labels file of IDX images"), labels);
    }

    @Test
    void predictCompletesFilesAndItsSettings() throws Exception {
        Files.writeString(folder.resolve("new.csv"), "1,2\n");
        WordCompleter completer = new WordCompleter(CommandIndex.of(List.of(() -> KeepCommands.COMMANDS)),
                new CompletionContext() {
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
        assertEquals(List.of("new.csv"), completer.complete(List.of("predict"), "ne").stream().map(Suggestion::value).toList());
        assertEquals(List.of("out=new.csv"), completer.complete(List.of("predict", "new.csv"), "out=")
                .stream().map(Suggestion::value).toList());
        assertTrue(completer.complete(List.of("predict", "new.csv"), "").stream().map(Suggestion::value).toList()
                .containsAll(List.of("out=", "labels=", "detail=")));
        assertEquals(List.of("format=auto", "format=csv", "format=idx"), completer.complete(List.of("predict", "new.csv"),
                "format=").stream().map(Suggestion::value).toList());
    }
}
