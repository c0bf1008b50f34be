package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.UnknownComponentException;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** experiment save writes what makes a run; experiment run in a fresh session trains the same network bit for bit. */
class ExperimentTest {

    @TempDir
    Path dir;

    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.forEach(Session::close);
    }

    private Session session() {
        Session s = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());
        sessions.add(s);
        return s;
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
    void aSavedExperimentRunInAFreshSessionGivesTheSameLossBitForBit() throws Exception {
        Session a = session();
        a.loadData("blobs", Map.of());
        a.split(map("train=0.7", "test=0.3", "seed=5"));
        a.fitTransform("center", Map.of());
        a.createNetwork("in-6-out", map("seed=9", "output=softmax"));
        a.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.05"));
        List<EpochReport> first = a.train(2, map("batch=4", "seed=3"), null);
        List<EpochReport> second = a.train(2, map("batch=4", "seed=3"), null);
        Path file = dir.resolve("exp.json");
        assertEquals("saved experiment (blobs, net in-6-out, sgd, 4 epochs) to " + file, a.saveExperiment(file, Map.of()));
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\"format\":\"ebp-experiment\",\"version\":1,"), text);

        Session b = session();
        RunRecordsTest.Listener listener = new RunRecordsTest.Listener();
        List<EpochReport> replayed = b.runExperiment(file, listener);
        assertEquals(4, replayed.size());
        EpochReport original = second.get(1);
        EpochReport again = replayed.get(3);
        assertEquals(Double.doubleToRawLongBits(original.trainLoss()), Double.doubleToRawLongBits(again.trainLoss()));
        assertEquals(Double.doubleToRawLongBits(original.evalLoss()), Double.doubleToRawLongBits(again.evalLoss()));
        assertEquals(Double.doubleToRawLongBits(first.get(0).trainLoss()), Double.doubleToRawLongBits(replayed.get(0).trainLoss()));
        assertArrayEquals(a.weights(), b.weights(), "the same weights to the last bit");
        assertTrue(listener.messages.contains("> data load blobs fail=false seed=7 size=300"), listener.messages.toString());
        assertTrue(listener.messages.contains("> use optimizer sgd lr=0.05"), listener.messages.toString());
        assertTrue(listener.messages.contains("> train 4 batch=4 seed=3"), listener.messages.toString());
    }

    @Test
    void epochsCanBeGivenBeforeTrainingAndNothingToSaveIsRefused() throws Exception {
        Session a = session();
        IllegalStateException noData = assertThrows(IllegalStateException.class,
                () -> a.saveExperiment(dir.resolve("x.json"), Map.of()));
        assertEquals("no data loaded; an experiment starts with data load, e.g. data load digits", noData.getMessage());
        a.loadData("blobs", Map.of());
        a.createNetwork("in-3-out", Map.of());
        IllegalStateException untrained = assertThrows(IllegalStateException.class,
                () -> a.saveExperiment(dir.resolve("x.json"), Map.of()));
        assertTrue(untrained.getMessage().startsWith("nothing trained yet"), untrained.getMessage());
        assertEquals(false, Files.exists(dir.resolve("x.json")));
        a.saveExperiment(dir.resolve("x.json"), map("epochs=3"));
        Session b = session();
        assertEquals(3, b.runExperiment(dir.resolve("x.json"), null).size());
    }

    @Test
    void aBadFileOrAMissingComponentChangesNothing() throws Exception {
        Session b = session();
        b.loadData("blobs", Map.of());
        b.createNetwork("in-3-out", Map.of());
        double[] before = b.weights();
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"format\": \"ebp-model\", \"version\": 1}");
        DataFormatException wrong = assertThrows(DataFormatException.class, () -> b.runExperiment(other, null));
        assertTrue(wrong.getMessage().contains("ebp-experiment"), wrong.getMessage());
        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, "{\"format\": \"ebp-experiment\", \"version\": 1, \"data\": {\"name\": \"blobs\", \"settings\": {}},"
                + " \"transforms\": [], \"network\": {\"spec\": \"in-3-out\", \"settings\": {}},"
                + " \"components\": {\"optimizer\": {\"name\": \"no-such-optimizer\", \"settings\": {}}},"
                + " \"train\": {\"epochs\": 2, \"settings\": {}}}");
        assertThrows(UnknownComponentException.class, () -> b.runExperiment(missing, null));
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, "{\"format\": \"ebp-experiment\", \"version\": 7}");
        DataFormatException version = assertThrows(DataFormatException.class, () -> b.runExperiment(newer, null));
        assertTrue(version.getMessage().contains("version 7"), version.getMessage());
        assertArrayEquals(before, b.weights(), "the session is as it was");
        assertNull(b.status().lastReport());
    }
}
