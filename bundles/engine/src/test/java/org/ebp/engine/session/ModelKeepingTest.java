package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.SessionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files with their transform chain, bad model and checkpoint files, checkpoints written
 * during training, and the networks kept before a command discards them.
 */
class ModelKeepingTest {

    @TempDir
    Path dir;

    private static Session trained(Path autosave) throws DataFormatException {
        Session s = ResumeFixture.prepared("momentum", Map.of("lr", "0.005"), "shuffle", "constant");
        s.autosaveFolder(autosave);
        s.train(2, Map.of("eval", "validation"), null);
        return s;
    }

    @Test
    void aLoadedModelEvaluatesExactlyAsSavedWithItsTransforms() throws Exception {
        Path file = dir.resolve("model.json");
        Evaluation saved;
        double[] weights;
        try (Session s = trained(dir.resolve("autosave"))) {
            saved = s.evaluate("test");
            weights = s.weights();
            assertTrue(s.saveModel(file).startsWith("saved model 64-12-10 (epoch 2, step 2516, 1 transform) to "));
        }
        try (Session fresh = ResumeFixture.withData()) {
            List<String> lines = fresh.loadModel(file);
            assertTrue(lines.get(0).startsWith("loaded standardize from " + file), lines.toString());
            assertEquals(List.of("standardize"), fresh.status().transforms().stream().map(t -> t.split(" ")[0]).toList());
            assertArrayEquals(weights, fresh.weights());
            assertEquals(saved, fresh.evaluate("test"), "same loss and accuracy to the last digit");
        }
    }

    /** The same in a new JVM: it prints the test loss's bits, which must be the saving session's. */
    @Test
    void aModelLoadedInANewProcessEvaluatesExactlyAsSaved() throws Exception {
        Path file = dir.resolve("model.json");
        Evaluation saved;
        try (Session s = trained(dir.resolve("autosave"))) {
            saved = s.evaluate("test");
            s.saveModel(file);
        }
        Path log = dir.resolve("child.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Debp.user.home=" + dir.resolve("home"), "-cp",
                System.getProperty("java.class.path"), ModelEvaluation.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("test loss bits " + Double.doubleToRawLongBits(saved.loss()) + " accuracy "
                + saved.accuracy()), out + " expected loss " + saved.loss());
    }

    /** The child of {@link #aModelLoadedInANewProcessEvaluatesExactlyAsSaved}. */
    static final class ModelEvaluation {
        public static void main(String[] args) throws Exception {
            try (Session s = ResumeFixture.withData()) {
                s.loadModel(Path.of(args[0]));
                Evaluation e = s.evaluate("test");
                System.out.println("test loss bits " + Double.doubleToRawLongBits(e.loss()) + " accuracy " + e.accuracy());
            }
            System.exit(0);
        }
    }

    @Test
    void badModelFilesAreRefusedWithOneLineAndChangeNothing() throws Exception {
        Path file = dir.resolve("model.json");
        try (Session s = trained(dir.resolve("autosave"))) {
            s.saveModel(file);
        }
        String text = Files.readString(file);
        try (Session s = ResumeFixture.withData()) {
            SessionStatus before = s.status();
            Path bad = dir.resolve("bad.json");
            Files.writeString(bad, text.substring(0, text.length() / 2));
            assertProblem(s, bad, "is not valid JSON");
            Files.writeString(bad, text.replace("\"version\":2", "\"version\":9"));
            assertProblem(s, bad, "ebp-model version 9 is not supported (this engine reads version 1 to 2)");
            Files.writeString(bad, text.replaceFirst("(\"weights\":\\[)[-0-9.Ee]+", "$1NaN"));
            assertProblem(s, bad, "field 'weights' element 0 is NaN, not a finite number");
            Files.writeString(bad, text.replaceFirst("\"widths\":\\[64", "\"widths\":[65"));
            assertProblem(s, bad, "need");
            Files.writeString(bad, text.replace("\"transform\":\"standardize\"", "\"transform\":\"no-such\""));
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> s.loadModel(bad));
            assertTrue(unknown.getMessage().contains("no-such"), unknown.getMessage());
            assertEquals(before, s.status(), "nothing changed");
            assertNull(s.weights());
        }
    }

    private static void assertProblem(Session s, Path file, String part) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> s.loadModel(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(part), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aCheckpointOnOtherSplitsIsRefusedAndChangesNothing() throws Exception {
        Path file = dir.resolve("run.ckpt.json");
        try (Session s = trained(dir.resolve("autosave"))) {
            s.saveCheckpoint(file);
        }
        try (Session other = ResumeFixture.session()) {
            other.loadData("digits", Map.of());
            other.split(Map.of("train", "0.8", "test", "0.2"));
            SessionStatus before = other.status();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadCheckpoint(file));
            assertTrue(e.getMessage().contains("the checkpoint trained on 1258 examples but the session's training set has "
                    + "1438; split the data as it was"), e.getMessage());
            assertEquals(before, other.status());
        }
    }

    @Test
    void trainingWritesCheckpointsKeepsTheNewestAndTheBest() throws Exception {
        Path folder = dir.resolve("ckpt");
        try (Session s = ResumeFixture.prepared("sgd", Map.of("lr", "0.01"), "shuffle", "constant")) {
            s.autosaveFolder(dir.resolve("autosave"));
            java.util.List<String> messages = new java.util.ArrayList<>();
            var reports = s.train(5, Map.of("eval", "validation", "checkpoint", folder.toString(), "every", "2", "keep", "2"),
                    new org.ebp.api.session.TrainingListener() {
                        @Override
                        public void epochFinished(org.ebp.api.session.EpochReport report) {
                        }

                        @Override
                        public void message(String text) {
                            messages.add(text);
                        }
                    });
            try (var files = Files.list(folder)) {
                assertEquals(List.of("best.ckpt.json", "epoch-0004.ckpt.json", "epoch-0005.ckpt.json"),
                        files.map(f -> f.getFileName().toString()).sorted().toList());
            }
            assertEquals(3, messages.size(), messages.toString());
            int best = 0;
            for (int i = 1; i < reports.size(); i++) {
                if ((i + 1) % 2 == 0 || i == 4) {
                    best = reports.get(i).evalLoss() < reports.get(best).evalLoss() || best == 0 && i == 1 ? i : best;
                }
            }
            try (Session back = ResumeFixture.withData()) {
                back.loadCheckpoint(folder.resolve("best.ckpt.json"));
                assertEquals(reports.get(best).epoch(), back.status().epoch());
                assertEquals(reports.get(best).evalLoss(), back.evaluate("validation").loss());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.train(1, Map.of("every", "2"), null));
            assertEquals("every= and keep= need a checkpoint folder: add checkpoint=DIR", e.getMessage());
        }
    }

    @Test
    void discardingATrainedNetworkKeepsItAndUndoBringsItBack() throws Exception {
        Path autosave = dir.resolve("autosave");
        try (Session s = trained(autosave)) {
            double[] weights = s.weights();
            Evaluation before = s.evaluate("test");
            String summary = s.loadData("digits", Map.of());
            assertTrue(summary.startsWith("kept the trained network 64-12-10"), summary);
            assertTrue(summary.contains("before data load; model undo brings it back"), summary);
            assertNull(s.weights());
            try (var files = Files.list(autosave)) {
                assertEquals(1, files.count());
            }
            s.split(Map.of("train", "0.7", "validation", "0.15", "test", "0.15", "seed", "5"));
            List<String> lines = s.undo();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("checkpoint model 64-12-10")), lines.toString());
            assertArrayEquals(weights, s.weights());
            assertEquals(before, s.evaluate("test"));
            // kept already: a new net says where the old one is and writes nothing new
            String net = s.createNetwork("in-5-out", Map.of("coding", "pm1"));
            assertTrue(net.startsWith("note: net replaces the network 64-12-10"), net);
            try (var files = Files.list(autosave)) {
                assertEquals(1, files.count());
            }
        }
    }

    @Test
    void aNetworkThatCannotBeKeptIsNotDiscarded() throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");
        try (Session s = trained(notAFolder.resolve("autosave"))) {
            double[] weights = s.weights();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.loadData("digits", Map.of()));
            assertTrue(e.getMessage().startsWith("data load would discard the trained network 64-12-10"), e.getMessage());
            assertTrue(e.getMessage().endsWith("save it first with model save FILE or checkpoint save FILE"), e.getMessage());
            assertArrayEquals(weights, s.weights());
            Path file = dir.resolve("m.json");
            s.saveModel(file);
            String summary = s.loadData("digits", Map.of());
            assertTrue(summary.startsWith("note: data load replaces the network 64-12-10 scaled-tanh/scaled-tanh pm1 mse fan-in (epoch 2, "
                    + "step 2516); it is kept in "
                    + file), summary);
        }
    }
}
