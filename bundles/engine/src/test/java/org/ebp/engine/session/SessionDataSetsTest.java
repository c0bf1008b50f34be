package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.SessionStatus;
import org.ebp.compute.jblas.PureJavaCompute;
import org.ebp.data.CsvDatasetSource;
import org.ebp.data.DigitsDataset;
import org.ebp.data.FashionMnistDataset;
import org.ebp.data.IdxDatasetSource;
import org.ebp.data.IrisDataset;
import org.ebp.data.StratifiedSplitter;
import org.ebp.data.WineDataset;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.transforms.CenterTransform;
import org.ebp.transforms.PcaTransform;
import org.ebp.transforms.ScaleTransform;
import org.ebp.transforms.StandardizeTransform;
import org.ebp.transforms.WhitenTransform;
import org.ebp.transforms.ZcaTransform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session with the real readers and transforms: bad files change nothing, official splits, transform files, stats. */
class SessionDataSetsTest {

    @TempDir
    Path dir;

    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.forEach(Session::close);
    }

    private Session session() {
        TestCatalog catalog = new TestCatalog();
        catalog.add(ComponentKind.COMPUTE, new PureJavaCompute(), 0);
        catalog.add(ComponentKind.DATASET, new DigitsDataset());
        catalog.add(ComponentKind.DATASET, new IrisDataset());
        catalog.add(ComponentKind.DATASET, new WineDataset());
        catalog.add(ComponentKind.DATASET, new CsvDatasetSource());
        catalog.add(ComponentKind.DATASET, new IdxDatasetSource());
        catalog.add(ComponentKind.DATASET, new FashionMnistDataset());
        catalog.add(ComponentKind.TRANSFORM, new CenterTransform());
        catalog.add(ComponentKind.TRANSFORM, new ScaleTransform());
        catalog.add(ComponentKind.TRANSFORM, new StandardizeTransform());
        catalog.add(ComponentKind.TRANSFORM, new PcaTransform());
        catalog.add(ComponentKind.TRANSFORM, new WhitenTransform());
        catalog.add(ComponentKind.TRANSFORM, new ZcaTransform());
        Session s = new Session(catalog.index(), new StratifiedSplitter());
        sessions.add(s);
        return s;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path text(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] idx(int magic, int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int i = 0; i < dataBytes; i++) {
            out.writeByte(i % 3);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    /** Every bad file of the issue: a message naming the file and the problem, and the session's data unchanged. */
    @Test
    void badFilesNameTheProblemAndLeaveTheSessionAsItWas() throws Exception {
        Session s = session();
        s.loadData("digits", Map.of());
        s.split(Map.of("train", "0.8", "test", "0.2"));
        s.fitTransform("standardize", Map.of());
        SessionStatus before = s.status();
        List<String> trainBefore = s.describe("train");

        Path images = write("good-images.idx", idx(0x803, new int[] {4, 2, 2}, 16));
        Path labels = write("good-labels.idx", idx(0x801, new int[] {4}, 4));
        byte[] gz = gzip(idx(0x803, new int[] {4, 2, 2}, 16));
        Path truncatedGzip = write("cut-images.idx.gz", Arrays.copyOf(gz, gz.length - 12));
        Path wrongMagic = write("magic.idx", idx(0x1234, new int[] {4, 2, 2}, 16));
        Path fewerLabels = write("three-labels.idx", idx(0x801, new int[] {3}, 3));
        Path ragged = text("ragged.csv", "a,b,label\n1,2,0\n3,4\n5,6,1\n");
        Path nonNumeric = text("words.csv", "a,b,label\n1,2,0\n3,four,1\n");
        Path nan = text("nan.csv", "a,b,label\n1,2,0\n3,NaN,1\n");
        Path inf = text("inf.csv", "a,b,label\n1,2,0\nInfinity,4,1\n");
        Path empty = text("empty.csv", "");
        Path good = text("good.csv", "a,b,label\n1,2,0\n3,4,1\n");

        record Case(String source, Map<String, String> settings, String file, String problem) {
        }
        List<Case> cases = List.of(
                new Case("idx", Map.of("images", truncatedGzip.toString(), "labels", labels.toString()), "cut-images.idx.gz", "truncated"),
                new Case("idx", Map.of("images", wrongMagic.toString(), "labels", labels.toString()), "magic.idx", "magic number"),
                new Case("idx", Map.of("images", images.toString(), "labels", fewerLabels.toString()), "three-labels.idx", "3 labels"),
                new Case("csv", Map.of("path", ragged.toString()), "ragged.csv", "line 3"),
                new Case("csv", Map.of("path", nonNumeric.toString()), "words.csv", "four"),
                new Case("csv", Map.of("path", nan.toString()), "nan.csv", "line 3"),
                new Case("csv", Map.of("path", inf.toString()), "inf.csv", "line 3"),
                new Case("csv", Map.of("path", empty.toString()), "empty.csv", "empty"),
                new Case("csv", Map.of("path", dir.resolve("absent.csv").toString()), "absent.csv", "does not exist"),
                new Case("csv", Map.of("path", good.toString(), "label", "label2"), "good.csv", "label2"));
        for (Case c : cases) {
            Exception e = assertThrows(Exception.class, () -> s.loadData(c.source(), c.settings()), c.file());
            assertTrue(e instanceof DataFormatException || e instanceof IllegalArgumentException, c.file() + ": " + e);
            assertTrue(e.getMessage().contains(c.file()), "names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains(c.problem()), "names the problem (" + c.problem() + "): " + e.getMessage());
            assertEquals(before, s.status(), "status unchanged after " + c.file());
            assertEquals(trainBefore, s.describe("train"), "data unchanged after " + c.file());
        }
    }

    @Test
    void fashionMnistHasTheOfficialSplitsAndValidationComesOutOfTrain() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")), "dataset-fashion-mnist is not installed");
        Session s = session();
        String summary = s.loadData("fashion-mnist", Map.of());
        assertTrue(summary.contains("official splits: train=60000, test=10000"), summary);
        assertEquals(Map.of("train", 60000, "test", 10000), s.status().splits());
        Map<String, Integer> sizes = s.split(Map.of("validation", "0.1"));
        assertEquals(List.of("train", "validation", "test"), List.copyOf(sizes.keySet()));
        assertEquals(54000, sizes.get("train"));
        assertEquals(6000, sizes.get("validation"));
        assertEquals(10000, sizes.get("test"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.split(Map.of("train", "0.8", "test", "0.2")));
        assertTrue(e.getMessage().contains("official split") && e.getMessage().contains("from=all"), e.getMessage());
        Map<String, Integer> whole = s.split(Map.of("train", "0.8", "test", "0.2", "from", "all"));
        assertEquals(56000, whole.get("train"));
    }

    @Test
    void splitGivesTrainTheRemainder() throws Exception {
        Session s = session();
        s.loadData("iris", Map.of());
        Map<String, Integer> sizes = s.split(Map.of("validation", "0.2", "test", "0.2"));
        assertEquals(List.of("train", "validation", "test"), List.copyOf(sizes.keySet()));
        assertEquals(90, sizes.get("train"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.split(Map.of("test", "0.2", "from", "train")));
        assertTrue(e.getMessage().contains("no official splits"), e.getMessage());
    }

    @Test
    void transformChainSavesLoadsAndRefusesAnotherWidth() throws Exception {
        Session s = session();
        s.loadData("digits", Map.of());
        s.split(Map.of("train", "0.8", "test", "0.2"));
        List<String> lines = s.fitTransforms(List.of(Map.entry("center", Map.<String, String>of()), Map.entry("pca", Map.<String, String>of()), Map.entry("scale", Map.<String, String>of())));
        assertTrue(lines.get(0).startsWith("fitted center"), lines.toString());
        assertEquals(List.of("center", "pca tolerance=1.0E-10 variance=1.0 components=0", "scale target=1.0").size(),
                s.status().transforms().size());
        List<String> trainAfter = s.describe("test");
        Path file = dir.resolve("chain.json");
        assertTrue(s.saveTransforms(file).startsWith("saved 3 transforms (64 -> 61 features)"));

        Session fresh = session();
        fresh.loadData("digits", Map.of());
        fresh.split(Map.of("train", "0.8", "test", "0.2"));
        fresh.loadTransforms(file);
        assertEquals(trainAfter, fresh.describe("test"), "the loaded chain maps the test split exactly as the fitted one");

        Session iris = session();
        iris.loadData("iris", Map.of());
        SessionStatus before = iris.status();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> iris.loadTransforms(file));
        assertTrue(e.getMessage().contains("fitted on 64 features but the data has 4"), e.getMessage());
        assertEquals(before, iris.status());
        Files.writeString(dir.resolve("broken.json"), "{\"format\": \"ebp-transform-chain\", \"version\": 9}");
        DataFormatException version = assertThrows(DataFormatException.class, () -> iris.loadTransforms(dir.resolve("broken.json")));
        assertTrue(version.getMessage().contains("broken.json") && version.getMessage().contains("version 9"), version.getMessage());

        // a failing step in a chain leaves the earlier steps uncommitted
        Session chain = session();
        chain.loadData("digits", Map.of());
        assertThrows(RuntimeException.class, () -> chain.fitTransforms(List.of(Map.entry("center", Map.<String, String>of()), Map.entry("pca", Map.of("variance", "7")))));
        assertEquals(List.of(), chain.status().transforms());
        assertEquals(List.of("removed 0 transforms; 64 features as loaded"), chain.clearTransforms());
    }

    /**
     * Section 1.4.3 through the session: the stats show the LMS Hessian's largest eigenvalue
     * s^2 + N m^2 beside the covariance's s^2, and centring brings them together.
     */
    @Test
    void statsShowTheConditionNumberAndTheHessianEigenvalueBeforeAndAfterCentring() throws Exception {
        int n = 16;
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int sign : new int[] {1, -1}) {
                for (int j = 0; j < n; j++) {
                    // mean 1, variance 0.25^2 = 0.0625, uncorrelated: rows 1 +- 0.25 * sqrt(16) e_i
                    csv.append(i == j ? (sign > 0 ? "2" : "0") : "1").append(',');
                }
                csv.append(i % 2).append('\n');
            }
        }
        Path file = text("unit.csv", csv.toString());
        Session s = session();
        s.loadData("csv", Map.of("path", file.toString(), "header", "false"));
        List<String> stats = s.describe("all");
        assertTrue(stats.contains("input covariance eigenvalues: largest 0.0625, smallest non-zero 0.0625 (16 of 16 above 1e-10 x largest); "
                + "condition number 1"), stats.toString());
        assertTrue(stats.stream().anyMatch(l -> l.startsWith("LMS Hessian (1/P) sum x x' (uncentred): largest eigenvalue 16.063, 257 x")),
                stats.toString());
        s.fitTransform("center", Map.of());
        assertTrue(s.describe("all").contains("LMS Hessian (1/P) sum x x' (uncentred): largest eigenvalue 0.0625, equal to the "
                + "covariance's (inputs centred)"), s.describe("all").toString());
    }
}
