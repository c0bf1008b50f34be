package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.SessionStatus;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving a session's model and continuing from it in another session. */
class SessionModelFileTest {

    @TempDir
    Path dir;

    private final Session first = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());
    private final Session second = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private static void prepare(Session s) throws DataFormatException {
        s.loadData("blobs", Map.of());
        s.split(Map.of("train", "0.7", "test", "0.3"));
        s.createNetwork("in-5-out", Map.of("output", "softmax", "seed", "3"));
        s.use(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.02"));
    }

    @Test
    void aRestoredModelContinuesExactlyLikeTheOriginal() throws Exception {
        prepare(first);
        first.train(2, Map.of("batch", "5"), null);
        Path file = dir.resolve("model.json");
        first.saveModel(file);

        second.loadData("blobs", Map.of());
        second.split(Map.of("train", "0.7", "test", "0.3"));
        List<String> lines = second.loadModel(file);
        assertEquals(List.of("model 4-5-3 scaled-tanh/softmax one-hot cross-entropy fan-in restored at epoch 2, step 84; "
                + "optimizer momentum lr=0.02 mu=0.9 with its saved state from " + file), lines);
        assertArrayEquals(first.weights(), second.weights());
        assertEquals(first.evaluate("test"), second.evaluate("test"));

        first.train(2, Map.of("batch", "5"), null);
        second.train(2, Map.of("batch", "5"), null);
        // same weights, state, epoch numbers (which seed the order) and step counter: bit-identical
        assertArrayEquals(first.weights(), second.weights());
        assertEquals(4, second.status().epoch());
    }

    @Test
    void aModelThatDoesNotFitTheDataChangesNothing() throws Exception {
        prepare(first);
        Path file = dir.resolve("model.json");
        first.saveModel(file);
        second.loadData("plane", Map.of());
        SessionStatus before = second.status();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> second.loadModel(file));
        assertEquals(file + ": the network's input width 4 does not match the 2 features of 'plane'; start the spec with 2 or "
                + "'in' (it was trained on blobs: 300 examples x 4 features, 3 classes; splits train=210 test=90 (seed 1))",
                e.getMessage());
        assertEquals(before, second.status());
        Files.writeString(file, "{\"format\":\"ebp-model\",\"version\":7}");
        DataFormatException bad = assertThrows(DataFormatException.class, () -> second.loadModel(file));
        assertTrue(bad.getMessage().endsWith("ebp-model version 7 is not supported (this engine reads version 1 to 2)"),
                bad.getMessage());
    }

    @Test
    void fittedTransformsAreAvailableForSaving() throws Exception {
        prepare(first);
        first.fitTransform("center", Map.of());
        assertEquals(List.of("center"), first.fittedTransforms().stream().map(t -> t.transform()).toList());
        IllegalStateException none = assertThrows(IllegalStateException.class, second::snapshot);
        assertTrue(none.getMessage().startsWith("no network to save"), none.getMessage());
    }
}
