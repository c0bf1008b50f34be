package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebp.api.session.EpochReport;
import org.ebp.engine.persist.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run stopped at a checkpoint and resumed in another session (or another process) continues
 * bit for bit as the run that never stopped: same weights, same per-epoch losses. For each
 * optimizer the uninterrupted run trains 4 epochs; the broken run trains 2, writes a
 * checkpoint, and a fresh session that loaded and split the same data loads it and trains 2.
 */
class CheckpointResumeTest {

    @TempDir
    Path dir;

    private static Map<String, String> settings(String text) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String kv : text.isBlank() ? new String[0] : text.split(" ")) {
            m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return m;
    }

    @ParameterizedTest(name = "{0} {1} with {2} and {3}")
    @CsvSource({
            "sgd,       lr=0.01,            shuffle,   annealing, 1",
            "momentum,  lr=0.005 mu=0.9,    emphasize, constant,  1",
            "adam,      lr=0.001,           shuffle,   annealing, 10",
            "lbfgs,     m=5,                shuffle,   constant,  0",
            "sdlm,      lr=0.003,           emphasize, annealing, 1"})
    void aResumedRunContinuesBitForBit(String optimizer, String optimizerSettings, String sampler, String schedule,
                                       int batch) throws Exception {
        Map<String, String> train = batch == 0 ? Map.of("eval", "validation", "seed", "3")
                : Map.of("batch", Integer.toString(batch), "eval", "validation", "seed", "3");
        List<EpochReport> straight;
        double[] straightWeights;
        try (Session s = ResumeFixture.prepared(optimizer, settings(optimizerSettings), sampler, schedule)) {
            straight = s.train(4, train, null);
            straightWeights = s.weights();
        }
        Path file = dir.resolve("run.ckpt.json");
        List<EpochReport> broken = new ArrayList<>();
        try (Session first = ResumeFixture.prepared(optimizer, settings(optimizerSettings), sampler, schedule)) {
            broken.addAll(first.train(2, train, null));
            first.saveCheckpoint(file);
        }
        try (Session second = ResumeFixture.withData()) {
            List<String> lines = second.loadCheckpoint(file);
            assertTrue(lines.get(lines.size() - 1).startsWith("continue with: train N batch="), lines.toString());
            broken.addAll(second.train(2, train, null));
            assertArrayEquals(straightWeights, second.weights(), optimizer + ": weights after the resumed run");
            assertEquals(4, second.status().epoch());
        }
        assertEquals(losses(straight), losses(broken), optimizer + ": per-epoch losses");
        assertNotEquals(straight.get(1).trainLoss(), straight.get(3).trainLoss(), "the run really trained");
    }

    private static List<String> losses(List<EpochReport> reports) {
        List<String> out = new ArrayList<>();
        for (EpochReport r : reports) {
            out.add(r.epoch() + " " + r.step() + " " + r.trainLoss() + " " + r.evalLoss() + " " + r.evalAccuracy() + " "
                    + r.learningRate());
        }
        return out;
    }

    /** The second half in a new JVM (this test's class path, no shared state) gives the same weights. */
    @Test
    void aRunResumedInANewProcessContinuesBitForBit() throws Exception {
        Map<String, String> train = Map.of("batch", "1", "eval", "validation", "seed", "1");
        double[] straightWeights;
        try (Session s = ResumeFixture.prepared("sdlm", Map.of(), "emphasize", "annealing")) {
            s.train(3, train, null);
            straightWeights = s.weights();
        }
        Path file = dir.resolve("run.ckpt.json");
        try (Session first = ResumeFixture.prepared("sdlm", Map.of(), "emphasize", "annealing")) {
            first.train(1, train, null);
            first.saveCheckpoint(file);
        }
        Path out = dir.resolve("resumed.npy");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Debp.user.home=" + dir.resolve("home"), "-cp",
                System.getProperty("java.class.path"), ResumeFixture.class.getName(), file.toString(), out.toString(), "2")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child process finished");
        assertEquals(0, p.exitValue(), () -> readLog(dir.resolve("child.log")));
        double[] resumed = NpyArray.read(out.toString(), Files.readAllBytes(out), Long.MAX_VALUE).values();
        assertArrayEquals(straightWeights, resumed);
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
