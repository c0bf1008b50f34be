package org.ebp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetSourceTest {

    @TempDir
    Path dir;

    private final IdxDatasetSource idx = new IdxDatasetSource();

    /** Three 2x3 images whose pixels are 10*image + pixel, the last one 255 to check unsigned bytes. */
    private static final int COUNT = 3;
    private static final int ROWS = 2;
    private static final int COLS = 3;

    static byte[] imagesBytes(int magic, int count, int rows, int cols, int pixelBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int p = 0; p < pixelBytes; p++) {
            out.writeByte(p == pixelBytes - 1 ? 255 : (p / (rows * cols)) * 10 + p % (rows * cols));
        }
        return bytes.toByteArray();
    }

    static byte[] labelsBytes(int magic, int... labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        if (gzip) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content);
            }
        } else {
            Files.write(file, content);
        }
        return file;
    }

    private Path goodImages(boolean gzip) throws IOException {
        return write("train-images-idx3-ubyte" + (gzip ? ".gz" : ""),
                imagesBytes(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLS, COUNT * ROWS * COLS), gzip);
    }

    private Path goodLabels(boolean gzip) throws IOException {
        return write("train-labels-idx1-ubyte" + (gzip ? ".gz" : ""), labelsBytes(IdxReader.LABELS_MAGIC, 0, 2, 1), gzip);
    }

    private Dataset load(Path images, Path labels) throws DataFormatException {
        return idx.load(idx.settings(Map.of("images", images.toString(), "labels", labels.toString())));
    }

    private DataFormatException fails(Path images, Path labels) {
        return assertThrows(DataFormatException.class, () -> load(images, labels));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    private static void assertGoodSet(Dataset d) {
        assertEquals("train", d.name());
        assertEquals(COUNT, d.size());
        assertEquals(ROWS * COLS, d.features());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertArrayEquals(new int[] {0, 2, 1}, d.labels());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, Arrays.copyOfRange(d.featureMatrix(), 0, 6));
        assertArrayEquals(new float[] {10, 11, 12, 13, 14, 15}, Arrays.copyOfRange(d.featureMatrix(), 6, 12));
        assertEquals(255f, d.feature(2, 5), "pixels are unsigned bytes");
        assertEquals("pixel_1_2", d.featureNames().get(5));
    }

    @Test
    void imagesWithoutLabelsAreAnUnlabeledSet() throws Exception {
        Dataset d = idx.load(idx.settings(Map.of("images", goodImages(true).toString())));
        assertTrue(d.isUnlabeled());
        assertEquals(COUNT, d.size());
        assertArrayEquals(new float[] {10, 11, 12, 13, 14, 15}, Arrays.copyOfRange(d.featureMatrix(), 6, 12));
    }

    @Test
    void readsPlainIdx() throws Exception {
        assertGoodSet(load(goodImages(false), goodLabels(false)));
    }

    @Test
    void readsGzippedIdx() throws Exception {
        assertGoodSet(load(goodImages(true), goodLabels(true)));
    }

    @Test
    void readsMixedPlainAndGzipped() throws Exception {
        assertGoodSet(load(goodImages(true), goodLabels(false)));
    }

    @Test
    void wrongMagicIsRefused() throws Exception {
        Path badImages = write("bad-images", imagesBytes(0x00000802, COUNT, ROWS, COLS, COUNT * ROWS * COLS), false);
        assertMentions(fails(badImages, goodLabels(false)), "bad-images", "magic number 0x00000802", "0x00000803");
        Path badLabels = write("bad-labels", labelsBytes(0x12345678, 0, 2, 1), false);
        assertMentions(fails(goodImages(false), badLabels), "bad-labels", "0x12345678", "0x00000801");
    }

    @Test
    void swappedFilesAreRecognised() throws Exception {
        assertMentions(fails(goodLabels(false), goodImages(false)), "swap images= and labels=");
    }

    @Test
    void countMismatchIsRefused() throws Exception {
        Path twoLabels = write("two-labels", labelsBytes(IdxReader.LABELS_MAGIC, 0, 1), false);
        assertMentions(fails(goodImages(false), twoLabels), "holds 3 images", "holds 2 labels", "two-labels");
    }

    @Test
    void truncatedImagesAreRefused() throws Exception {
        Path cut = write("cut-images", imagesBytes(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLS, COUNT * ROWS * COLS - 4), false);
        // Refused from the file length, before the pixels are allocated.
        assertMentions(fails(cut, goodLabels(false)), "cut-images", "truncated", "3 images of 2 x 3 pixels (34 bytes)", "only 30 bytes");
        Path header = write("header-only", Arrays.copyOf(imagesBytes(IdxReader.IMAGES_MAGIC, 1, 1, 1, 1), 10), false);
        assertMentions(fails(header, goodLabels(false)), "header-only", "truncated", "header");
    }

    @Test
    void truncatedLabelsAreRefused() throws Exception {
        byte[] full = labelsBytes(IdxReader.LABELS_MAGIC, 0, 2, 1);
        Path cut = write("cut-labels", Arrays.copyOf(full, full.length - 1), false);
        assertMentions(fails(goodImages(false), cut), "cut-labels", "truncated", "3 labels");
    }

    @Test
    void truncatedGzipIsRefused() throws Exception {
        Path whole = goodImages(true);
        byte[] packed = Files.readAllBytes(whole);
        // Cut inside the deflate data and, separately, inside the 8-byte CRC/size trailer.
        Path cutData = write("cut-data.gz", Arrays.copyOf(packed, packed.length / 2), false);
        assertMentions(fails(cutData, goodLabels(false)), "cut-data.gz", "truncated");
        Path cutTrailer = write("cut-trailer.gz", Arrays.copyOf(packed, packed.length - 3), false);
        assertMentions(fails(cutTrailer, goodLabels(false)), "cut-trailer.gz");
    }

    @Test
    void corruptGzipIsRefused() throws Exception {
        byte[] packed = Files.readAllBytes(goodImages(true));
        packed[packed.length - 6] ^= 0x55; // inside the CRC32 of the trailer
        Path bad = write("bad-crc.gz", packed, false);
        assertMentions(fails(bad, goodLabels(false)), "bad-crc.gz", "damaged gzip");
    }

    @Test
    void trailingBytesMeanTheHeaderIsWrong() throws Exception {
        Path extra = write("extra-images", imagesBytes(IdxReader.IMAGES_MAGIC, COUNT, ROWS, COLS, COUNT * ROWS * COLS + 7), false);
        assertMentions(fails(extra, goodLabels(false)), "extra-images", "7 bytes follow");
    }

    @Test
    void nonPositiveDimensionsAreRefused() throws Exception {
        Path zero = write("zero-images", imagesBytes(IdxReader.IMAGES_MAGIC, COUNT, 0, COLS, 0), false);
        assertMentions(fails(zero, goodLabels(false)), "zero-images", "must be positive");
    }

    @Test
    void missingFileIsNamed() throws Exception {
        Path missing = dir.resolve("missing-labels.gz");
        assertMentions(fails(goodImages(false), missing), "missing-labels.gz", "does not exist");
        assertMentions(fails(dir.resolve("no-images"), goodLabels(false)), "no-images", "does not exist");
    }
}
