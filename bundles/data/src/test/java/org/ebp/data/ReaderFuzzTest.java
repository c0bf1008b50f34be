package org.ebp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.io.MemoryLimitException;

/**
 * Property-based fuzzing of the IDX and CSV readers (plain and gzip): a valid file is truncated,
 * has bits flipped, gets absurd header sizes or random text spliced in. The property: the reader
 * returns a whole, consistent data set or fails with the workbench's own exception and a one-line,
 * short message; never another exception, never an OutOfMemoryError, never a hang.
 */
class ReaderFuzzTest {

    private static Path dir;

    @BeforeContainer
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("ebp-reader-fuzz");
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

    /** One damage done to a file's bytes. */
    record Damage(int kind, int position, int value, int count) {

        byte[] applyTo(byte[] bytes) {
            byte[] out = bytes.clone();
            int at = Math.floorMod(position, bytes.length + 1);
            switch (kind) {
                case 0 -> out = java.util.Arrays.copyOf(bytes, at); // truncation
                case 1 -> { // bit flips
                    for (int i = 0; i < 1 + Math.floorMod(count, 8); i++) {
                        int p = Math.floorMod(position + i * 7919 * (value | 1), Math.max(1, bytes.length));
                        if (bytes.length > 0) {
                            out[p] ^= (byte) (1 << Math.floorMod(value + i, 8));
                        }
                    }
                }
                case 2 -> { // an absurd 32-bit size written over a header field (IDX: bytes 4..15)
                    if (bytes.length >= 16) {
                        ByteBuffer.wrap(out).putInt(4 * (1 + Math.floorMod(count, 3)), value);
                    }
                }
                default -> { // bytes spliced in
                    byte[] junk = Integer.toString(value).repeat(1 + Math.floorMod(count, 50)).getBytes(StandardCharsets.UTF_8);
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.write(bytes, 0, at);
                    b.writeBytes(junk);
                    b.write(bytes, at, bytes.length - at);
                    out = b.toByteArray();
                }
            }
            return out;
        }
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers(),
                Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1_000_000, 2_700_000)),
                Arbitraries.integers()).as(Damage::new);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** The damaged bytes: damage then gzip (a valid gzip of a broken file), or gzip then damage (a broken gzip). */
    private static byte[] damaged(byte[] valid, Damage damage, int packing) throws IOException {
        return switch (packing) {
            case 0 -> damage.applyTo(valid);
            case 1 -> gzip(damage.applyTo(valid));
            default -> damage.applyTo(gzip(valid));
        };
    }

    private static void assertOwnShortError(Exception e) {
        assertTrue(e instanceof DataFormatException || e instanceof MemoryLimitException, () -> "unexpected " + e);
        String m = e.getMessage();
        assertTrue(m != null && !m.isBlank() && m.lines().count() == 1, () -> "one line: " + m);
        assertTrue(m.length() < 600, () -> "short: " + m.length() + " characters");
    }

    private static final IdxDatasetSource IDX = new IdxDatasetSource();
    private static final CsvDatasetSource CSV = new CsvDatasetSource();

    @Property(tries = 300, seed = "12")
    void idxFilesLoadWholeOrFailClearly(@ForAll("damage") Damage damage, @ForAll boolean damageLabels,
            @ForAll("packing") int packing) throws Exception {
        byte[] images = IdxDatasetSourceTest.imagesBytes(IdxReader.IMAGES_MAGIC, 5, 4, 4, 5 * 16);
        byte[] labels = IdxDatasetSourceTest.labelsBytes(IdxReader.LABELS_MAGIC, 0, 1, 2, 1, 0);
        Path imagesFile = Files.write(dir.resolve("images"), damageLabels ? images : damaged(images, damage, packing));
        Path labelsFile = Files.write(dir.resolve("labels"), damageLabels ? damaged(labels, damage, packing) : labels);
        try {
            Dataset d = IDX.load(IDX.settings(Map.of("images", imagesFile.toString(), "labels", labelsFile.toString())));
            // a flipped pixel or label bit still makes a valid file; its shape must be whole
            assertEquals(d.size() * d.features(), d.featureMatrix().length);
            assertEquals(d.size(), d.labels().length);
        } catch (DataFormatException | MemoryLimitException e) {
            assertOwnShortError(e);
        }
    }

    @Provide
    Arbitrary<Integer> packing() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30), Arbitraries.of("NaN", "-Infinity", "1e400", "\"", "\"a\"\"b\"",
                ",", "\r", "\n", "\uFEFF", "9".repeat(5000)));
    }

    @Property(tries = 300, seed = "12")
    void csvFilesLoadWholeOrFailClearly(@ForAll("damage") Damage damage, @ForAll("packing") int packing,
            @ForAll("cells") String cell, @ForAll boolean header) throws Exception {
        String text = (header ? "a,b,label\n" : "") + "1.5,2,x\n3," + cell + ",y\n-4e3,0.25,x\n";
        Path file = Files.write(dir.resolve("data.csv"), damaged(text.getBytes(StandardCharsets.UTF_8), damage, packing));
        try {
            Dataset d = CSV.load(CSV.settings(Map.of("path", file.toString())));
            assertEquals(d.size() * d.features(), d.featureMatrix().length);
            for (float v : d.featureMatrix()) {
                assertTrue(Float.isFinite(v), "features are finite");
            }
        } catch (DataFormatException | MemoryLimitException e) {
            assertOwnShortError(e);
        }
    }
}
