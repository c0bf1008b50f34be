package org.ebp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lying headers, endless lines, huge cells and special files: each is refused with one short line
 * before anything large is allocated (issue 12, items 2, 7 and 8).
 */
class ReaderLimitsTest {

    @TempDir
    Path dir;

    private final IdxDatasetSource idx = new IdxDatasetSource();
    private final CsvDatasetSource csv = new CsvDatasetSource();

    private DataFormatException idxFails(Path images, Path labels) {
        return assertThrows(DataFormatException.class,
                () -> idx.load(idx.settings(Map.of("images", images.toString(), "labels", labels.toString()))));
    }

    private DataFormatException csvFails(Path file) {
        return assertThrows(DataFormatException.class, () -> csv.load(csv.settings(Map.of("path", file.toString()))));
    }

    private static void assertOneShortLine(Exception e, int maxChars, String... parts) {
        String m = e.getMessage();
        assertTrue(m.length() <= maxChars, "message of " + m.length() + " characters: " + m.substring(0, Math.min(300, m.length())));
        assertTrue(m.lines().count() == 1, "one line: " + m);
        for (String part : parts) {
            assertTrue(m.contains(part), "message '" + m + "' should mention '" + part + "'");
        }
    }

    private Path labels(int count) throws IOException {
        return Files.write(dir.resolve("labels"), IdxDatasetSourceTest.labelsBytes(IdxReader.LABELS_MAGIC, new int[count]));
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    @Test
    void plainHeaderClaimingMillionsOfImagesIsRefusedFromTheFileLength() throws Exception {
        // 2.7 million 28 x 28 images (8.5 GB of floats) announced by a 78 KB file: the case.
        Path images = Files.write(dir.resolve("lying-images"),
                IdxDatasetSourceTest.imagesBytes(IdxReader.IMAGES_MAGIC, 2_700_000, 28, 28, 100 * 784));
        DataFormatException e = idxFails(images, labels(100));
        assertOneShortLine(e, 400, "lying-images", "truncated", "2700000 images of 28 x 28", "only 78416 bytes");
    }

    @Test
    void sizesWhoseProductOverflowsALongAreRefused() throws Exception {
        // found by ReaderFuzzTest: 12593 x 825307441 x 825307441 wrapped around 2^64 to a small positive count
        byte[] bytes = IdxDatasetSourceTest.imagesBytes(IdxReader.IMAGES_MAGIC, 0x3131, 0x31313131, 0x31313131, 80);
        Path images = Files.write(dir.resolve("wrapping-images"), bytes);
        DataFormatException e = idxFails(images, labels(5));
        assertOneShortLine(e, 400, "wrapping-images", "12593 images of 825307441 x 825307441 pixels is too large");
    }

    @Test
    void gzipHeaderBeyondDeflatesRatioIsRefusedAtOnce() throws Exception {
        // 1 million images announced by a gzip file of a few KB: deflate cannot unpack that much.
        Path images = Files.write(dir.resolve("lying.gz"),
                gzip(IdxDatasetSourceTest.imagesBytes(IdxReader.IMAGES_MAGIC, 1_000_000, 28, 28, 50 * 784)));
        long start = System.nanoTime();
        DataFormatException e = idxFails(images, labels(50));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused without reading the data");
        assertOneShortLine(e, 400, "lying.gz", "truncated", "1000000 images", "unpack to at most");
    }

    @Test
    void gzipHeaderWithinTheRatioIsCountedBeforeAllocating() throws Exception {
        // Zeros compress about 1000:1, so the ratio allows the claim; the trailer disagrees, and counting finds the data short.
        Path images = Files.write(dir.resolve("zeros.gz"),
                gzip(IdxDatasetSourceTest.imagesBytes(IdxReader.IMAGES_MAGIC, 100, 28, 28, 10 * 784)));
        DataFormatException e = idxFails(images, labels(100));
        assertOneShortLine(e, 400, "zeros.gz", "100 images of 28 x 28 pixels (78416 bytes)", "7856 bytes once unpacked");
    }

    @Test
    void multiMemberGzipStillLoads() throws Exception {
        // Two concatenated gzip members: the trailer holds only the second's size, so the data are counted, and they suffice.
        byte[] whole = IdxDatasetSourceTest.imagesBytes(IdxReader.IMAGES_MAGIC, 3, 2, 3, 18);
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.write(gzip(java.util.Arrays.copyOf(whole, 20)));
        two.write(gzip(java.util.Arrays.copyOfRange(whole, 20, whole.length)));
        Path images = Files.write(dir.resolve("two-members.gz"), two.toByteArray());
        Path labels = Files.write(dir.resolve("three-labels"), IdxDatasetSourceTest.labelsBytes(IdxReader.LABELS_MAGIC, 0, 1, 2));
        Dataset d = idx.load(idx.settings(Map.of("images", images.toString(), "labels", labels.toString())));
        assertEquals(3, d.size());
        assertEquals(6, d.features());
    }

    @Test
    void labelsHeaderClaimingMoreThanTheFileIsRefused() throws Exception {
        Path images = Files.write(dir.resolve("images"), IdxDatasetSourceTest.imagesBytes(IdxReader.IMAGES_MAGIC, 3, 2, 3, 18));
        byte[] labels = IdxDatasetSourceTest.labelsBytes(IdxReader.LABELS_MAGIC, 0, 1, 2);
        labels[4] = 0x7f; // count 2^31 - 1 + ...: about 2 billion labels announced by an 11-byte file
        DataFormatException e = idxFails(images, Files.write(dir.resolve("lying-labels"), labels));
        assertOneShortLine(e, 400, "lying-labels", "truncated", "only 11 bytes");
    }

    @Test
    void sparseCsvWithoutLineBreaksIsRefusedWithoutReadingItAll() throws Exception {
        // The 2 GB sparse file: all zero bytes, no line break; readLine would gather it into one string.
        Path sparse = dir.resolve("sparse.csv");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(2L << 30);
        }
        DataFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> csvFails(sparse));
        assertOneShortLine(e, 300, "sparse.csv", "line 1 is longer than " + BoundedLines.MAX_LINE_CHARS);
    }

    @Test
    void sparseCsvIsRefusedAsRegressionSetAndAsUnlabeledSetToo() throws Exception {
        // targets=K and label=none (what predict reads) go through the regression reader: the same bound applies
        Path sparse = dir.resolve("sparse.csv");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(2L << 30);
        }
        for (Map<String, String> settings : List.of(Map.of("path", sparse.toString(), "targets", "1"),
                Map.of("path", sparse.toString(), "label", "none"))) {
            DataFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> assertThrows(DataFormatException.class, () -> csv.load(csv.settings(settings))));
            assertOneShortLine(e, 300, "sparse.csv", "line 1 is longer than " + BoundedLines.MAX_LINE_CHARS);
        }
    }

    @Test
    void hugeCellIsQuotedShort() throws Exception {
        String cell = "9".repeat(3_000_000) + "x";
        Path file = Files.writeString(dir.resolve("big-cell.csv"), "a,b\n1,0\n" + cell + ",1\n", StandardCharsets.UTF_8);
        DataFormatException e = csvFails(file);
        assertOneShortLine(e, 300, "big-cell.csv, line 3, column 0", "is not a number", "(3000001 characters)");
    }

    @Test
    void hugeHeaderNameIsQuotedShort() throws Exception {
        String name = "n".repeat(1_000_000);
        Path file = Files.writeString(dir.resolve("big-name.csv"), name + ",label\nfoo,1\n", StandardCharsets.UTF_8);
        DataFormatException e = csvFails(file);
        assertOneShortLine(e, 400, "big-name.csv, line 2");
    }

    @Test
    void linesEndWithLfCrLfOrCr() throws Exception {
        Path file = Files.writeString(dir.resolve("ends.csv"), "1,a\r\n2,b\r3,a\n\n4,b", StandardCharsets.UTF_8);
        Dataset d = csv.load(csv.settings(Map.of("path", file.toString())));
        assertEquals(4, d.size());
    }

    @Test
    void fifoAndDevicePathsAreRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        DataFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> csvFails(fifo));
        assertOneShortLine(e, 300, "pipe.csv", "not a regular file");
        DataFormatException z = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> csvFails(Path.of("/dev/zero")));
        assertOneShortLine(z, 300, "/dev/zero", "not a regular file");
        DataFormatException i = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> idxFails(fifo, fifo));
        assertOneShortLine(i, 300, "pipe.csv", "not a regular file");
    }
}
