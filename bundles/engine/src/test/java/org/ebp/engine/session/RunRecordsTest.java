package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.runs.RunRecords;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.engine.runs.RunFolder;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every run leaves a record in the runs folder that reads back as it happened, also after a restart and a torn write. */
class RunRecordsTest {

    @TempDir
    Path home;

    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.forEach(Session::close);
    }

    private RunFolder folder() {
        return new RunFolder(home.resolve("runs"));
    }

    private Session prepared() throws DataFormatException {
        Session s = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());
        sessions.add(s);
        s.recordRunsIn(folder());
        s.loadData("blobs", Map.of());
        s.split(map("train=0.7", "test=0.3", "seed=4"));
        s.fitTransform("center", Map.of());
        s.createNetwork("in-8-out", map("seed=3"));
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.02"));
        return s;
    }

    /** Reports and messages a run sent. */
    static class Listener implements org.ebp.api.session.TrainingListener {
        final List<EpochReport> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void epochFinished(EpochReport report) {
            reports.add(report);
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    @Test
    void aRunIsRecordedWithItsConfigurationEpochsAndOutcome() throws Exception {
        Session s = prepared();
        Listener listener = new Listener();
        List<EpochReport> reports = s.train(3, map("seed=7"), listener);
        assertTrue(listener.messages.contains("recorded as run 1 (runs show 1)"), listener.messages.toString());

        Path file = home.resolve("runs/run-000001.jsonl");
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            assertEquals("ebp-run-record", o.get("format").getAsString());
            assertEquals(1, o.get("version").getAsInt());
            assertEquals("1", o.get("run").getAsString());
        }
        assertEquals("start", JsonParser.parseString(lines.get(0)).getAsJsonObject().get("type").getAsString());
        assertEquals("end", JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject().get("type").getAsString());

        RunRecord r = folder().get("1");
        assertEquals("1", r.id());
        assertNull(r.group());
        assertEquals(reports, r.epochs(), "epoch lines read back bit for bit");
        assertEquals("completed", r.outcome());
        assertTrue(r.wallSeconds() > 0);
        assertEquals(List.of(), r.problems());
        Map<String, String> c = r.configuration();
        assertEquals("blobs", c.get("data.source"));
        assertEquals("0.7", c.get("split.train"));
        assertEquals("0.3", c.get("split.test"));
        assertEquals("4", c.get("split.seed"));
        assertEquals("center", c.get("transform.1"));
        assertEquals("4-8-3", c.get("net.spec"));
        assertEquals("3", c.get("net.seed"));
        assertEquals("sgd", c.get("optimizer"));
        assertEquals("0.02", c.get("optimizer.lr"));
        assertEquals("3", c.get("train.epochs"));
        assertEquals("7", c.get("train.seed"));
        assertEquals("test", c.get("train.eval"));
        assertEquals("0", c.get("train.from-epoch"));
        assertEquals(Map.of("split", 4L, "init", 3L, "shuffle", 7L), r.seeds());
        assertTrue(r.events().stream().anyMatch(e -> e.kind().equals("train")), r.events().toString());
    }

    @Test
    void runsAreNumberedInOrderAndSurviveARestart() throws Exception {
        Session s = prepared();
        s.train(1, Map.of(), null);
        s.train(2, map("group=sweep-a"), null);
        s.close();
        // a new workbench on the same home: a new session and a new reader
        Session again = prepared();
        again.train(1, Map.of(), null);
        RunRecords.Listing listing = folder().list();
        assertEquals(List.of(), listing.problems());
        assertEquals(List.of("1", "2", "3"), listing.runs().stream().map(RunRecord::id).toList());
        RunRecord second = listing.runs().get(1);
        assertEquals("sweep-a", second.group());
        assertEquals("1", second.setting("train.from-epoch"), "the second call continues the first");
        assertEquals(List.of(2, 3), second.epochs().stream().map(EpochReport::epoch).toList());
    }

    @Test
    void aSwapAndARefusalDuringTrainingAreRecordedWithTheirSteps() throws Exception {
        Session s = prepared();
        Listener listener = new Listener() {
            @Override
            public void epochFinished(EpochReport report) {
                super.epochFinished(report);
                if (report.epoch() == 1) {
                    s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.01"));
                    try {
                        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=-1"));
                    } catch (IllegalArgumentException expected) {
                        // refused: training goes on, and the record says so
                    }
                }
            }
        };
        s.train(2, Map.of(), listener);
        RunRecord r = folder().get("1");
        SessionEvent swap = r.events().stream().filter(e -> e.kind().equals("swap")).findFirst().orElseThrow();
        assertEquals(210, swap.step(), "after the first epoch's 210 steps");
        assertTrue(swap.text().contains("lr=0.01"), swap.text());
        SessionEvent refused = r.events().stream().filter(e -> e.kind().equals("refused")).findFirst().orElseThrow();
        assertEquals(210, refused.step());
        assertTrue(refused.text().contains("use optimizer sgd refused, training continues unchanged")
                && refused.text().contains("lr=-1"), refused.text());
    }

    @Test
    void aTornLastLineIsSkippedAndNamed() throws Exception {
        Session s = prepared();
        List<EpochReport> reports = s.train(2, Map.of(), null);
        Path file = home.resolve("runs/run-000001.jsonl");
        // a process killed in the middle of a write
        Files.writeString(file, "{\"format\":\"ebp-run-record\",\"version\":1,\"run\":\"1\",\"type\":\"ep", StandardOpenOption.APPEND);
        RunRecord r = folder().get("1");
        assertEquals(reports, r.epochs());
        assertEquals("completed", r.outcome());
        assertEquals(List.of("skipped a torn last line (the run was cut off while writing)"), r.problems());
    }

    @Test
    void aRunCutOffBeforeItsEndReadsAsUnfinished() throws Exception {
        Session s = prepared();
        s.train(2, Map.of(), null);
        Path file = home.resolve("runs/run-000001.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(lines.size() - 1);
        Files.write(file, lines);
        RunRecord r = folder().get("1");
        assertFalse(r.finished());
        assertEquals(2, r.epochs().size());
        assertTrue(Double.isNaN(r.wallSeconds()));
    }

    @Test
    void badFilesAreRefusedWithOneLineAndTheOthersStillList() throws Exception {
        Session s = prepared();
        s.train(1, Map.of(), null);
        Path runs = home.resolve("runs");
        Files.writeString(runs.resolve("run-000002.jsonl"), "{\"format\":\"ebp-run-record\",\"version\":9,\"run\":\"2\",\"type\":\"start\"}\n");
        Files.writeString(runs.resolve("run-000003.jsonl"), "not json at all\n");
        Files.writeString(runs.resolve("run-000004.jsonl"), "{\"format\":\"ebp-model\",\"version\":1}\n");
        Files.writeString(runs.resolve("run-000005.jsonl"), "");
        RunRecords.Listing listing = folder().list();
        assertEquals(List.of("1"), listing.runs().stream().map(RunRecord::id).toList());
        assertEquals(List.of(
                "run-000002.jsonl: ebp-run-record version 9; this workbench reads version 1 (a newer workbench wrote it?)",
                "run-000003.jsonl: no readable start line; it is not a run record (skipped line 1: not JSON ('not json at all'))",
                "run-000004.jsonl: not a run record (format 'ebp-model', expected ebp-run-record)",
                "run-000005.jsonl: no readable start line; it is not a run record"), listing.problems());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> folder().get("2"));
        assertEquals(listing.problems().get(0), e.getMessage());
        assertEquals("no run 17 in " + runs + "; runs list shows the runs kept",
                assertThrows(IllegalArgumentException.class, () -> folder().get("17")).getMessage());
        assertEquals("'x1' is not a run id; give a number from runs list, e.g. runs show 1",
                assertThrows(IllegalArgumentException.class, () -> folder().get("x1")).getMessage());
        // the next run takes the next free number; the unreadable files are left as they were
        s.train(1, Map.of(), null);
        assertTrue(Files.exists(runs.resolve("run-000006.jsonl")));
        assertEquals("not json at all\n", Files.readString(runs.resolve("run-000003.jsonl")));
    }

    @Test
    void whenTheRecordCannotBeWrittenTheRunGoesOnAndSaysSo() throws Exception {
        Files.writeString(home.resolve("runs"), "a file where the folder should be");
        Session s = prepared();
        Listener listener = new Listener();
        assertEquals(2, s.train(2, Map.of(), listener).size());
        assertEquals(List.of("this run is not recorded: cannot keep run records in " + home.resolve("runs")
                + ": it is not a folder; move it away"), listener.messages);
    }

    @Test
    void twoWorkbenchesOnOneHomeNeverShareARunNumber() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    try {
                        ids.add(new RunFolder(home.resolve("runs")).begin(null, 0, Map.of(), Map.of()).id());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(40, ids.size());
        assertEquals(40, folder().list().runs().size());
    }

    @Test
    void aFailedRunSaysWhyInItsOutcome() throws Exception {
        Session s = prepared();
        s.createNetwork("in-8-out", map("output=linear"));
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=100000"));
        // a diverged run fails the train call (issue 12: a script must stop), and its record says why
        org.junit.jupiter.api.Assertions.assertThrows(org.ebp.engine.training.TrainingFailedException.class,
                () -> s.train(3, Map.of("diverge", "0"), null));
        RunRecord r = folder().get("1");
        assertNotEquals("completed", r.outcome());
        assertTrue(r.outcome().matches("failed: training diverged: the (loss became (NaN|infinite) at step \\d+ \\(epoch 1\\)"
                + "|weights became non-finite in epoch 1); weights and optimizer, schedule and sampler states restored to the "
                + "start of epoch 1 \\(step 0\\); .*hessian eig\\)"), r.outcome());
        Files.readAllLines(home.resolve("runs/run-000001.jsonl"), StandardCharsets.UTF_8)
                .forEach(line -> JsonParser.parseString(line).getAsJsonObject());
    }
}
