package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.keep.Prediction;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.EvaluationDetail;
import org.ebp.data.CsvDatasetSource;
import org.ebp.data.IdxDatasetSource;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.io.FileRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict}: new data in CSV and IDX files, with and without answers, through the session's
 * fitted transforms; the same numbers as {@code evaluate} on the same examples; bad input refused
 * with one line and nothing written or changed.
 */
class PredictTest {

    @TempDir
    Path dir;

    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.forEach(Session::close);
    }

    private Session session() {
        TestCatalog c = ResumeFixture.catalog();
        c.add(ComponentKind.DATASET, new CsvDatasetSource());
        c.add(ComponentKind.DATASET, new IdxDatasetSource());
        Session s = new Session(c.index(), new StratifiedSplitter());
        s.autosaveFolder(dir.resolve("autosave"));
        sessions.add(s);
        return s;
    }

    /** Digits, split 70/15/15, standardized, a 64-12-10 network trained one epoch. */
    private Session trained() throws DataFormatException {
        Session s = session();
        s.loadData("digits", Map.of());
        s.split(Map.of("train", "0.7", "validation", "0.15", "test", "0.15", "seed", "5"));
        s.fitTransform("standardize", Map.of());
        s.createNetwork("in-12-out", Map.of("coding", "pm1", "seed", "7"));
        s.use(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.005"));
        s.train(1, Map.of("eval", "validation"), null);
        return s;
    }

    /** The raw (untransformed) test split of the session as CSV, with or without its label column. */
    private Path testSplitCsv(Session s, String name, boolean withLabels) throws IOException {
        Dataset test = rawTest(s);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < test.size(); i++) {
            for (int j = 0; j < test.features(); j++) {
                b.append(j == 0 ? "" : ",").append(Float.toString(test.feature(i, j)));
            }
            if (withLabels) {
                b.append(',').append(test.classNames().get(test.label(i)));
            }
            b.append('\n');
        }
        return Files.writeString(dir.resolve(name), b);
    }

    private static Dataset rawTest(Session s) {
        return sessionData(s).rawSplits().get("test");
    }

    private static SessionData sessionData(Session s) {
        try {
            java.lang.reflect.Field f = Session.class.getDeclaredField("state");
            f.setAccessible(true);
            return ((SessionState) f.get(s)).data;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Prediction predictCsv(Session s, Path file, Path out, String... keyValues) throws IOException {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("path", file.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return s.predict("csv", settings, out);
    }

    @Test
    void labelledCsvScoresExactlyAsEvaluateOnTheSameExamples() throws Exception {
        Session s = trained();
        Evaluation test = s.evaluate("test");
        EvaluationDetail detail = s.evaluateDetail("test");
        Path out = dir.resolve("pred.csv");
        Prediction p = predictCsv(s, testSplitCsv(s, "test.csv", true), out);
        assertEquals(test.loss(), p.scored().evaluation().loss(), "the same loss to the last digit");
        assertEquals(test.accuracy(), p.scored().evaluation().accuracy());
        assertTrue(Arrays.deepEquals(detail.confusion(), p.scored().confusion()));
        assertEquals(out.toRealPath(), p.written());
        assertTrue(p.lines().get(0).contains("through the session's 1 fitted transform"), p.lines().toString());

        List<String> rows = Files.readAllLines(out);
        assertEquals("predicted,output_0,output_1,output_2,output_3,output_4,output_5,output_6,output_7,output_8,output_9,label",
                rows.get(0));
        assertEquals(rawTest(s).size() + 1, rows.size());
        int correct = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            int best = 1;
            for (int j = 2; j <= 10; j++) {
                best = Double.parseDouble(f[j]) > Double.parseDouble(f[best]) ? j : best;
            }
            assertEquals(Integer.toString(best - 1), f[0], "predicted is the largest output: " + row);
            correct += f[0].equals(f[11]) ? 1 : 0;
        }
        assertEquals(test.accuracy(), correct / (double) (rows.size() - 1));
    }

    @Test
    void csvWithoutLabelsGivesTheSameOutputsAndNoScore() throws Exception {
        Session s = trained();
        Path labelled = dir.resolve("labelled.csv");
        Path plain = dir.resolve("plain.csv");
        predictCsv(s, testSplitCsv(s, "with.csv", true), labelled);
        Prediction p = predictCsv(s, testSplitCsv(s, "without.csv", false), plain);
        assertNull(p.scored(), "no answers, no score");
        assertTrue(p.lines().get(0).contains("no answers in the data"), p.lines().toString());
        List<String> a = Files.readAllLines(labelled);
        List<String> b = Files.readAllLines(plain);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).substring(0, a.get(i).lastIndexOf(',')), b.get(i));
        }
    }

    @Test
    void idxImagesWithAndWithoutLabels() throws Exception {
        Session s = trained();
        Dataset test = rawTest(s);
        Path images = dir.resolve("t-images-idx3-ubyte");
        Path labels = dir.resolve("t-labels-idx1-ubyte");
        writeIdx(test, images, labels);
        Prediction with = s.predict("idx", Map.of("images", images.toString(), "labels", labels.toString()),
                dir.resolve("a.csv"));
        assertEquals(s.evaluate("test").loss(), with.scored().evaluation().loss());
        Prediction without = s.predict("idx", Map.of("images", images.toString()), dir.resolve("b.csv"));
        assertNull(without.scored());
        assertEquals(test.size() + 1, Files.readAllLines(dir.resolve("b.csv")).size());
    }

    private static void writeIdx(Dataset d, Path images, Path labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(d.size());
        out.writeInt(8);
        out.writeInt(8);
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < 64; j++) {
                out.writeByte((int) d.feature(i, j));
            }
        }
        Files.write(images, bytes.toByteArray());
        bytes.reset();
        out.writeInt(0x00000801);
        out.writeInt(d.size());
        for (int i = 0; i < d.size(); i++) {
            out.writeByte(d.label(i));
        }
        Files.write(labels, bytes.toByteArray());
    }

    @Test
    void textLabelsMapByNameAndUnknownOnesAreRefused() throws Exception {
        Session s = trained();
        Path bad = dir.resolve("bad.csv");
        Dataset test = rawTest(s);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 64; j++) {
                b.append(test.feature(i, j)).append(',');
            }
            b.append(i == 2 ? "cat" : "3").append('\n');
        }
        Files.writeString(bad, b);
        Path out = dir.resolve("out.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> predictCsv(s, bad, out));
        assertTrue(e.getMessage().contains("label 'cat'") || e.getMessage().contains("label cat"), e.getMessage());
        assertTrue(e.getMessage().contains("not one of the network's classes 0, 1, 2"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Session s = trained();
        double[] before = s.weights();
        Evaluation evaluated = s.evaluate("test");
        Path out = dir.resolve("out.csv");

        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "1,2,3\n4,5,6\n");
        DataFormatException width = assertThrows(DataFormatException.class, () -> predictCsv(s, narrow, out));
        assertTrue(width.getMessage().contains("has 3 columns but the network takes 64 features"), width.getMessage());
        assertTrue(width.getMessage().contains("64 or 65 columns"), width.getMessage());

        StringBuilder nan = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            nan.append(j == 0 ? "" : ",").append(j == 10 ? "NaN" : "1");
        }
        Path nanFile = Files.writeString(dir.resolve("nan.csv"), "1" + ",1".repeat(63) + "\n" + nan + "\n");
        DataFormatException nanError = assertThrows(DataFormatException.class, () -> predictCsv(s, nanFile, out));
        assertTrue(nanError.getMessage().contains("nan.csv") && nanError.getMessage().contains("line 2"), nanError.getMessage());

        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> predictCsv(s, dir.resolve("missing.csv"), out));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        Path good = testSplitCsv(s, "good.csv", false);
        Files.createDirectory(dir.resolve("folder"));
        FileRefusedException folder = assertThrows(FileRefusedException.class, () -> predictCsv(s, good, dir.resolve("folder")));
        assertTrue(folder.getMessage().contains("it is a folder"), folder.getMessage());
        DataFormatException itself = assertThrows(DataFormatException.class, () -> predictCsv(s, good, good));
        assertTrue(itself.getMessage().contains("is the data file itself"), itself.getMessage());

        DataFormatException targets = assertThrows(DataFormatException.class, () -> predictCsv(s, good, out, "targets", "1"));
        assertTrue(targets.getMessage().contains("classifies into 10 classes"), targets.getMessage());

        for (String message : List.of(width.getMessage(), nanError.getMessage(), missing.getMessage(), folder.getMessage(),
                itself.getMessage(), targets.getMessage())) {
            assertFalse(message.contains("\n"), "one line: " + message);
        }
        assertFalse(Files.exists(out), "nothing written");
        assertTrue(Arrays.equals(before, s.weights()));
        assertEquals(evaluated, s.evaluate("test"), "the session is as it was");
    }

    @Test
    void withoutANetworkPredictSaysWhatToDo() throws Exception {
        Session s = session();
        Path file = Files.writeString(dir.resolve("x.csv"), "1,2\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> predictCsv(s, file, dir.resolve("o.csv")));
        assertTrue(e.getMessage().startsWith("no network to predict with; create one first"), e.getMessage());
    }

    @Test
    void anUnlabeledFileCannotBeTrainedOn() throws Exception {
        Session s = session();
        Path file = Files.writeString(dir.resolve("x.csv"), "1,2\n3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.loadData("csv", Map.of("path", file.toString(), "label", "none")));
        assertTrue(e.getMessage().contains("cannot be trained on") && e.getMessage().contains("predict FILE"), e.getMessage());
        assertNull(s.status().dataset());
    }
}
