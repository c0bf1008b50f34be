package org.ebp.engine.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.session.EpochReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run made by another workbench (a cluster member) kept here: exported there, adopted here under a new number. */
class RunAdoptionTest {

    @TempDir
    Path tmp;

    @Test
    void anExportedRecordIsAdoptedUnderTheNextNumberWithItsOriginAndTheSameNumbers() throws IOException {
        RunFolder member = new RunFolder(tmp.resolve("member"));
        RunJournal j = member.begin("sweep-1", 1_000L, Map.of("optimizer", "sgd"), Map.of("net", 1L));
        j.epoch(new EpochReport(1, 10, 0.1 + 0.2, "test", 0.25, 0.9, 0.01, 0.5));
        j.end("completed", 1, 10, 0.6);
        RunFolder caller = new RunFolder(tmp.resolve("caller"));
        RunJournal own = caller.begin(null, 2_000L, Map.of(), Map.of());
        own.end("completed", 0, 0, 0.1);

        String id = caller.adopt(member.export(j.id()), "cluster member 127.0.0.1:5702");

        assertEquals("2", id, "after the caller's own run 1");
        RunRecord kept = caller.get(id);
        RunRecord original = member.get(j.id());
        assertEquals(original.epochs(), kept.epochs());
        assertEquals(original.group(), kept.group());
        assertEquals(original.outcome(), kept.outcome());
        assertEquals(original.configuration(), kept.configuration());
        String text = Files.readString(tmp.resolve("caller").resolve(RunFolder.fileName(2)));
        assertTrue(text.contains("\"origin\":\"cluster member 127.0.0.1:5702\""), text);
        assertTrue(text.lines().allMatch(l -> l.contains("\"run\":\"2\"")), text);
    }

    @Test
    void textThatIsNotARunRecordIsRefusedAndNothingIsWritten() throws IOException {
        RunFolder caller = new RunFolder(tmp.resolve("caller"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> caller.adopt("{\"format\":\"ebp-model\"}\n", "cluster member m:1"));
        assertTrue(e.getMessage().startsWith("the record from cluster member m:1 is not a run record"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> caller.adopt("not json", "m"));
        assertEquals(0, caller.list().runs().size(), "nothing written");
    }
}
