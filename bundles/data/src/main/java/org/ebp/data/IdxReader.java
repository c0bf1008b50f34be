package org.ebp.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.ebp.api.data.DataFormatException;
import org.ebp.io.MemoryBudget;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (plain or gzipped, recognised by the
 * gzip magic). An IDX file is a big-endian header, a magic number {@code 0x0000TTDD} (TT = 08
 * for unsigned bytes, DD = number of dimensions), one 32-bit size per dimension, then the data.
 *
 * <p>Reads in bulk through large buffers: Fashion-MNIST's 47 million pixels load in well under a
 * second. Every check (magic, sizes, truncation, gzip integrity, trailing bytes) fails with a
 * {@link DataFormatException} that names the file.
 */
final class IdxReader {

    /** Unsigned bytes, 3 dimensions: images x rows x columns. */
    static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, 1 dimension: labels. */
    static final int LABELS_MAGIC = 0x00000801;

    /** Pixels read per bulk read, converted to float in place of a whole-file byte copy. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** Magic number and three sizes. */
    private static final int IMAGES_HEADER_BYTES = 16;
    /** Magic number and one size. */
    private static final int LABELS_HEADER_BYTES = 8;

    /**
     * Images as float pixel values 0..255, row-major: image i, pixel (r, c) is at
     * {@code pixels[i * rows * cols + r * cols + c]}.
     */
    record Images(int count, int rows, int cols, float[] pixels) {
    }

    private IdxReader() {
    }

    /** The sizes an IDX images header announces. */
    record ImagesHeader(int count, int rows, int cols) {
        long pixels() {
            return IdxReader.pixels(count, rows, cols);
        }
    }

    static Images readImages(Path file) throws DataFormatException {
        ImagesHeader header = readImagesHeader(file);
        requireMemory(file, header.pixels());
        float[] pixels = new float[(int) header.pixels()];
        readImagesInto(file, header, pixels, 0);
        return new Images(header.count(), header.rows(), header.cols(), pixels);
    }

    /**
     * Reads only the header of an images file, so that a caller can size one array for several
     * files (Fashion-MNIST's train and test parts) instead of concatenating copies. Checks that the
     * file holds the pixels the header announces, so that the caller's allocation is safe from a
     * lying header (a 10^9-image header on a small file).
     */
    static ImagesHeader readImagesHeader(Path file) throws DataFormatException {
        DataFiles.requireFile(file, "IDX images file");
        ImagesHeader header;
        try (DataInputStream in = new DataInputStream(DataFiles.openBytes(file))) {
            header = header(in, file);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw readFailure(file, e);
        }
        DataFiles.requireContent(file, IMAGES_HEADER_BYTES + header.pixels(),
                header.count() + " images of " + header.rows() + " x " + header.cols() + " pixels");
        return header;
    }

    /** Refuses, before allocating, float pixels the heap cannot hold. */
    static void requireMemory(Path file, long pixels) {
        MemoryBudget.require(pixels * Float.BYTES, "loading the " + pixels + " pixels of " + file,
                "a smaller file (or part=train / part=test)");
    }

    private static ImagesHeader header(DataInputStream in, Path file) throws IOException {
        int magic = readHeaderInt(in, file, "magic number");
        if (magic != IMAGES_MAGIC) {
            throw new DataFormatException(file + ": magic number " + hex(magic) + " is not " + hex(IMAGES_MAGIC)
                    + " (IDX unsigned-byte images, 3 dimensions)"
                    + (magic == LABELS_MAGIC ? "; this is a labels file: swap images= and labels=" : "; is it an IDX images file?"));
        }
        int count = readHeaderInt(in, file, "image count");
        int rows = readHeaderInt(in, file, "row count");
        int cols = readHeaderInt(in, file, "column count");
        if (count <= 0 || rows <= 0 || cols <= 0) {
            throw new DataFormatException(file + ": header gives " + Integer.toUnsignedString(count) + " images of "
                    + Integer.toUnsignedString(rows) + " x " + Integer.toUnsignedString(cols) + " pixels; every dimension must be positive");
        }
        // three 31-bit sizes can overflow a long (2^93): a header of 0x3131... must not wrap to a small count
        long total = pixels(count, rows, cols);
        if (total > Integer.MAX_VALUE - 8L) {
            throw new DataFormatException(file + ": " + count + " images of " + rows + " x " + cols
                    + " pixels is too large for one dataset (at most " + (Integer.MAX_VALUE - 8L) + " pixels); is the header damaged?");
        }
        return new ImagesHeader(count, rows, cols);
    }

    /**
     * Reads the pixels of an images file whose header must equal {@code expected} into
     * {@code pixels[offset ..]}, converting bytes to float chunk by chunk (no whole-file byte copy).
     */
    static void readImagesInto(Path file, ImagesHeader expected, float[] pixels, int offset) throws DataFormatException {
        DataFiles.requireFile(file, "IDX images file");
        try (DataInputStream in = new DataInputStream(DataFiles.openBytes(file))) {
            ImagesHeader header = header(in, file);
            if (!header.equals(expected)) {
                throw new DataFormatException(file + " changed while it was read: its header now gives " + header
                        + " instead of " + expected);
            }
            int count = header.count();
            int rows = header.rows();
            int cols = header.cols();
            long total = header.pixels();
            if (offset < 0 || offset + total > pixels.length) {
                throw new IllegalArgumentException(total + " pixels do not fit at offset " + offset + " of " + pixels.length);
            }
            byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, total)];
            int done = 0;
            while (done < total) {
                int want = (int) Math.min(chunk.length, total - done);
                int got = in.readNBytes(chunk, 0, want);
                for (int i = 0; i < got; i++) {
                    pixels[offset + done + i] = chunk[i] & 0xFF;
                }
                done += got;
                if (got < want) {
                    int pixelsPerImage = rows * cols;
                    throw new DataFormatException(file + " is truncated: the header announces " + count + " images of " + rows + " x " + cols
                            + " pixels (" + total + " bytes), but the data ends after " + done + " bytes, in image " + (done / pixelsPerImage + 1));
                }
            }
            requireEnd(in, file, count + " images");
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    /** Labels as unsigned values 0..255. */
    static int[] readLabels(Path file) throws DataFormatException {
        DataFiles.requireFile(file, "IDX labels file");
        try (DataInputStream in = new DataInputStream(DataFiles.openBytes(file))) {
            int magic = readHeaderInt(in, file, "magic number");
            if (magic != LABELS_MAGIC) {
                throw new DataFormatException(file + ": magic number " + hex(magic) + " is not " + hex(LABELS_MAGIC)
                        + " (IDX unsigned-byte labels, 1 dimension)"
                        + (magic == IMAGES_MAGIC ? "; this is an images file: swap images= and labels=" : "; is it an IDX labels file?"));
            }
            int count = readHeaderInt(in, file, "label count");
            if (count <= 0) {
                throw new DataFormatException(file + ": header gives " + Integer.toUnsignedString(count) + " labels; the count must be positive");
            }
            DataFiles.requireContent(file, LABELS_HEADER_BYTES + (long) count, count + " labels");
            MemoryBudget.require(count * 5L, "loading the " + count + " labels of " + file, "a smaller file");
            byte[] bytes = new byte[count];
            int got = in.readNBytes(bytes, 0, count);
            if (got < count) {
                throw new DataFormatException(file + " is truncated: the header announces " + count + " labels, but the data ends after " + got);
            }
            requireEnd(in, file, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    /** count x rows x cols, or Long.MAX_VALUE when that overflows. */
    static long pixels(int count, int rows, int cols) {
        try {
            return Math.multiplyExact(Math.multiplyExact((long) count, rows), (long) cols);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(file + " is truncated: the file ends inside the IDX header (" + what + ")", e);
        }
    }

    /**
     * Reading to the end also makes a gzip stream check its CRC trailer, so corrupted data is
     * caught; extra bytes mean the header does not describe the file.
     */
    private static void requireEnd(InputStream in, Path file, String announced) throws IOException {
        long extra = 0;
        byte[] scratch = new byte[8192];
        int n;
        while ((n = in.read(scratch)) > 0) {
            extra += n;
        }
        if (extra > 0) {
            throw new DataFormatException(file + ": " + extra + " bytes follow the " + announced
                    + " the header announces; the header does not match the data");
        }
    }

    private static DataFormatException readFailure(Path file, IOException e) {
        if (e instanceof EOFException) {
            // GZIPInputStream reports a gzip stream cut short as EOFException("Unexpected end of ZLIB input stream").
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            return new DataFormatException(file + " is truncated (the data ends early" + detail
                    + "); download or install it again", e);
        }
        if (e instanceof ZipException) {
            return new DataFormatException(file + " is a damaged gzip file (" + e.getMessage() + "); download or install it again", e);
        }
        return new DataFormatException("cannot read " + file + ": " + e, e);
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }
}
