package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Requirements;
import org.ebp.api.session.SessionStatus;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.ebp.io.MemoryLimitException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks, optimizers and files too large for the heap are refused before they are allocated,
 * with one line naming the size and the fix, and the session keeps what it had (issue 12, item 2).
 */
class SessionLimitsTest {

    @TempDir
    Path dir;

    /** An optimizer that says it needs half the heap, as bfgs on 784-30-10 (4.2 GB) does on a 6 GB heap. */
    static final class HalfHeapOptimizer extends TestComponents.GradientDescent {
        HalfHeapOptimizer() {
            super("half-heap");
        }

        @Override
        public Requirements requirements(ParameterLayout layout, Settings settings) {
            return new Requirements(false, false, Set.of(), Runtime.getRuntime().maxMemory() / 2, "lbfgs");
        }
    }

    private final Session session = new Session(TestCatalog.standard().add(ComponentKind.OPTIMIZER, new HalfHeapOptimizer()).index(),
            new TestComponents.SimpleSplitter());

    @AfterEach
    void close() {
        session.close();
    }

    private void prepare() throws DataFormatException {
        session.loadData("blobs", Map.of());
        session.createNetwork("in-5-out", Map.of("seed", "3"));
    }

    @Test
    void aNetworkTooLargeForTheHeapIsRefusedBeforeAllocating() throws Exception {
        prepare();
        double[] weights = session.weights();
        SessionStatus before = session.status();
        // 4-50000000-3: 400 million parameters, 19 GB with the copies training keeps
        MemoryLimitException e = assertThrows(MemoryLimitException.class, () -> session.createNetwork("in-50000000-out", Map.of()));
        String m = e.getMessage();
        assertTrue(m.startsWith("network in-50000000-out (400000003 parameters, 6 copies to train) needs 17.9 GB of memory, but only "), m);
        assertTrue(m.contains("use narrower layers, or more heap, e.g. EBP_JAVA_OPTS=-Xmx8g"), m);
        assertEquals(before, session.status());
        assertArrayEquals(weights, session.weights());
    }

    @Test
    void anOptimizerIsCheckedForEveryCopyOfItsStateTheSessionKeeps() throws Exception {
        prepare();
        SessionStatus before = session.status();
        // half the heap fits once, but not three times (live, epoch-start copy, and the next copy)
        MemoryLimitException e = assertThrows(MemoryLimitException.class,
                () -> session.use(ComponentKind.OPTIMIZER, "half-heap", Map.of()));
        assertTrue(e.getMessage().startsWith("optimizer 'half-heap' on 43 parameters ("), e.getMessage());
        assertTrue(e.getMessage().contains("kept 3 times) needs "), e.getMessage());
        assertTrue(e.getMessage().contains("use a smaller network or lbfgs, or more heap"), e.getMessage());
        assertEquals(before, session.status());
    }

    @Test
    void anOutOfMemoryErrorBecomesOneLine() {
        MemoryLimitException e = assertThrows(MemoryLimitException.class, () -> MemoryGuard.run("data load csv", "a smaller file", () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertTrue(e.getMessage().startsWith("data load csv ran out of memory (the "), e.getMessage());
        assertTrue(e.getMessage().endsWith("heap is full); nothing was changed; use a smaller file, or more heap, e.g. EBP_JAVA_OPTS=-Xmx8g"),
                e.getMessage());
    }

    @Test
    void transformFilesThatAreFifosOrFoldersAreRefusedAtOnce() throws Exception {
        prepare();
        Path fifo = dir.resolve("chain.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        DataFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(DataFormatException.class, () -> session.loadTransforms(fifo)));
        assertEquals(fifo + ": is not a regular file (a device, FIFO or socket); give a JSON file", e.getMessage());
        DataFormatException folder = assertThrows(DataFormatException.class, () -> session.loadTransforms(dir));
        assertEquals(dir + ": is a folder; give a JSON file", folder.getMessage());
    }

    @Test
    void aMegabyteNumberInAJsonFileIsQuotedShort() throws Exception {
        prepare();
        Path file = Files.writeString(dir.resolve("big.json"),
                "{\"format\": \"ebp-transform-chain\", \"version\": " + "7".repeat(1 << 20) + ".5, \"transforms\": []}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> session.loadTransforms(file));
        assertTrue(e.getMessage().length() < 300, "message of " + e.getMessage().length() + " characters");
        // the lenient reader takes a number this long for unquoted text; either way the message quotes its start
        assertTrue(e.getMessage().contains("field 'version' must be a number, not \"7777"), e.getMessage());
        assertTrue(e.getMessage().endsWith("... (1048580 characters)"), e.getMessage());
    }
}
