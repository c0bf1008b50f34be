package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.UnknownComponentException;
import org.ebp.engine.persist.ExperimentCodec;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.ebp.io.MemoryLimitException;

/**
 * Property-based fuzzing of the other files the workbench keeps (issue 12, "the model, checkpoint,
 * experiment files"), beside {@link JsonFormatsFuzzTest}: checkpoints (JSON), experiments (JSON)
 * and NumPy weights (.npz archives and single .npy arrays, binary), each valid file truncated,
 * with bits flipped, or with a run of random bytes written over it. The property: the file loads,
 * or the load fails with one of the workbench's own exceptions in one short line, and the session
 * is then exactly as it was.
 */
class KeptFilesFuzzTest {

    private static Path dir;
    private static byte[] checkpoint;
    private static byte[] experiment;
    private static byte[] npz;
    private static byte[] npy;

    @BeforeContainer
    static void writeValidFiles() throws Exception {
        dir = Files.createTempDirectory("ebp-kept-fuzz");
        try (Session s = prepared()) {
            s.train(1, Map.of("batch", "10"), null);
            s.saveCheckpoint(dir.resolve("run.ckpt.json"));
            s.saveExperiment(dir.resolve("run.experiment.json"), Map.of());
            s.exportWeights(dir.resolve("weights.npz"));
            s.exportWeights(dir.resolve("weights.npy")); // one flat vector
        }
        checkpoint = Files.readAllBytes(dir.resolve("run.ckpt.json"));
        experiment = Files.readAllBytes(dir.resolve("run.experiment.json"));
        npz = Files.readAllBytes(dir.resolve("weights.npz"));
        npy = Files.readAllBytes(dir.resolve("weights.npy"));
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /** Data, a transform, a 4-5-3 network and momentum: what a load must not disturb. */
    private static Session prepared() throws Exception {
        Session s = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());
        s.loadData("blobs", Map.of());
        s.split(Map.of("train", "0.7", "test", "0.3"));
        s.fitTransform("center", Map.of());
        s.createNetwork("in-5-out", Map.of("output", "softmax", "seed", "3"));
        s.use(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.02"));
        return s;
    }

    /** One change to a file's bytes: truncation, a flipped bit, or random bytes written over a stretch. */
    record Damage(int kind, int position, int bit, byte[] noise) {

        byte[] applyTo(byte[] bytes) {
            int at = Math.floorMod(position, bytes.length + 1);
            return switch (kind) {
                case 0 -> Arrays.copyOf(bytes, at);
                case 1 -> {
                    byte[] b = bytes.clone();
                    int p = Math.min(at, b.length - 1);
                    b[p] ^= (byte) (1 << Math.floorMod(bit, 8));
                    yield b;
                }
                default -> {
                    byte[] b = bytes.clone();
                    for (int i = 0; i < noise.length && at + i < b.length; i++) {
                        b[at + i] = noise[i];
                    }
                    yield b;
                }
            };
        }
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16)).as(Damage::new);
    }

    private record Before(SessionStatus status, List<FittedTransform> transforms, double[] weights) {
        static Before of(Session s) {
            return new Before(s.status(), s.fittedTransforms(), s.weights());
        }

        void assertSame(Session s) {
            assertEquals(status, s.status());
            assertEquals(transforms, s.fittedTransforms());
            assertArrayEquals(weights, s.weights());
        }
    }

    private interface Load {
        void into(Session s, Path file) throws Exception;
    }

    /** Loads the damaged bytes into a prepared session: a whole load, or one clear line and the session unchanged. */
    private static void loadOrFailClearly(byte[] bytes, String name, Load load) throws Exception {
        Path file = Files.write(dir.resolve("fuzzed-" + name), bytes);
        try (Session s = prepared()) {
            Before before = Before.of(s);
            try {
                load.into(s, file);
            } catch (DataFormatException | MemoryLimitException | InvalidSettingException | UnknownComponentException e) {
                assertOneLine(e);
                before.assertSame(s);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // the engine's user errors (a layout that does not fit the network), not a parser's own exception
                assertTrue(e.getClass() == IllegalArgumentException.class || e.getClass() == IllegalStateException.class,
                        () -> "unexpected " + e);
                assertOneLine(e);
                before.assertSame(s);
            }
        }
    }

    private static void assertOneLine(Exception e) {
        String m = e.getMessage();
        assertTrue(m != null && !m.isBlank() && m.lines().count() == 1, () -> "one line: " + m);
        assertTrue(m.length() < 600, () -> "short: " + m.length() + " characters: " + m.substring(0, 200));
    }

    @Property(tries = 120, seed = "12")
    void damagedCheckpointsLoadOrFailClearly(@ForAll("damage") Damage damage) throws Exception {
        loadOrFailClearly(damage.applyTo(checkpoint), "run.ckpt.json", Session::loadCheckpoint);
    }

    @Property(tries = 120, seed = "12")
    void damagedNpzWeightsLoadOrFailClearly(@ForAll("damage") Damage damage) throws Exception {
        loadOrFailClearly(damage.applyTo(npz), "weights.npz", Session::importWeights);
    }

    @Property(tries = 120, seed = "12")
    void damagedNpyWeightsLoadOrFailClearly(@ForAll("damage") Damage damage) throws Exception {
        loadOrFailClearly(damage.applyTo(npy), "weights.npy", Session::importWeights);
    }

    /** An experiment file is read whole before anything runs: a whole read, or one clear line. */
    @Property(tries = 120, seed = "12")
    void damagedExperimentsReadOrFailClearly(@ForAll("damage") Damage damage) throws Exception {
        Path file = Files.write(dir.resolve("fuzzed.experiment.json"), damage.applyTo(experiment));
        try {
            ExperimentCodec.read(file);
        } catch (DataFormatException | MemoryLimitException e) {
            assertOneLine(e);
        }
    }
}
