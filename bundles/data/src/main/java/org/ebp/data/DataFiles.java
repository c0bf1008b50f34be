package org.ebp.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.data.DataFormatException;

/**
 * Opens data files for the readers: checks that the file exists and is a regular file (with a
 * message that names it), and unpacks gzip transparently, recognised by its magic bytes
 * {@code 1f 8b} rather than by the file name, so that a renamed file still loads.
 */
final class DataFiles {

    /** Read buffer size: large enough that a 26 MB gzip file costs a few hundred reads, not thousands. */
    static final int BUFFER_BYTES = 1 << 16;

    /**
     * Deflate cannot compress better than about 1032 to 1 (a 258-byte match in at most 2 bits),
     * so a gzip file of n bytes unpacks to fewer than 1032 n bytes.
     */
    static final long MAX_DEFLATE_RATIO = 1032;

    private DataFiles() {
    }

    /**
     * The path a setting names.
     *
     * @throws InvalidSettingException for an empty or malformed path
     */
    static Path settingPath(String owner, String key, String text) {
        if (text.isBlank()) {
            throw new InvalidSettingException("'" + owner + "' setting " + key + " is empty; give " + key + "=FILE");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException("'" + owner + "' setting " + key + "=" + org.ebp.io.Excerpt.of(text) + " is not a valid path: " + e.getReason());
        }
    }

    /** Fails with a clear message unless {@code file} is an existing regular file. */
    static void requireFile(Path file, String what) throws DataFormatException {
        if (!Files.exists(file)) {
            throw new DataFormatException(what + " " + file + " does not exist; check the path");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(what + " " + file + " is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            // Opening a FIFO blocks until a writer comes; a device such as /dev/zero never ends.
            throw new DataFormatException(what + " " + file + " is not a regular file (a device, FIFO or socket); give a data file");
        }
        if (!Files.isReadable(file)) {
            throw new DataFormatException(what + " " + file + " is not readable; check its permissions");
        }
    }

    /**
     * Fails unless {@code file} can hold {@code bytes} bytes of (unpacked) content, checked before
     * the caller allocates for them: a plain file by its length; a gzip file first by deflate's
     * largest possible ratio, then by its trailer's size field, and when that does not agree
     * (a truncated or multi-member file) by unpacking and counting, without storing, until
     * {@code bytes} are reached or the data run out.
     *
     * @param announced what the header announced, for the message, e.g. "60000 images of 28 x 28 pixels"
     */
    static void requireContent(Path file, long bytes, String announced) throws DataFormatException {
        try {
            long size = Files.size(file);
            if (!isGzip(file)) {
                if (size < bytes) {
                    throw truncated(file, announced, bytes, size + " bytes");
                }
                return;
            }
            if (bytes > size * MAX_DEFLATE_RATIO + 1024) {
                throw truncated(file, announced, bytes, size + " compressed bytes, which unpack to at most "
                        + size * MAX_DEFLATE_RATIO);
            }
            if (gzipTrailerSize(file, size) == (bytes & 0xFFFF_FFFFL)) {
                return;
            }
            long counted = countUnpacked(file, bytes);
            if (counted < bytes) {
                throw truncated(file, announced, bytes, counted + " bytes once unpacked");
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (java.io.EOFException e) {
            throw new DataFormatException(file + " is truncated (the gzip data ends early); download or install it again", e);
        } catch (java.util.zip.ZipException e) {
            throw new DataFormatException(file + " is a damaged gzip file (" + e.getMessage() + "); download or install it again", e);
        } catch (IOException e) {
            throw new DataFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static DataFormatException truncated(Path file, String announced, long bytes, String holds) {
        return new DataFormatException(file + " is truncated or its header is wrong: the header announces " + announced
                + " (" + bytes + " bytes), but the file holds only " + holds + "; download or install it again");
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** ISIZE, the last 4 bytes of a gzip member: the unpacked length modulo 2^32 (RFC 1952). */
    private static long gzipTrailerSize(Path file, long size) throws IOException {
        if (size < 18) {
            return -1;
        }
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ch.position(size - 4);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // read the 4 bytes
            }
            return b.hasRemaining() ? -1 : b.getInt(0) & 0xFFFF_FFFFL;
        }
    }

    /** Unpacked bytes of {@code file}, counted up to {@code limit}. */
    private static long countUnpacked(Path file, long limit) throws IOException {
        try (InputStream in = openBytes(file)) {
            byte[] scratch = new byte[BUFFER_BYTES];
            long count = 0;
            int n;
            while (count < limit && (n = in.read(scratch, 0, (int) Math.min(scratch.length, limit - count))) > 0) {
                count += n;
            }
            return count;
        }
    }

    /** A buffered stream of the file's bytes, gunzipped when the file starts with the gzip magic. */
    static InputStream openBytes(Path file) throws IOException {
        return maybeGunzip(Files.newInputStream(file));
    }

    /** Wraps {@code raw} in a gzip decoder when its first two bytes are the gzip magic {@code 1f 8b}. */
    static InputStream maybeGunzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER_BYTES);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, BUFFER_BYTES), BUFFER_BYTES);
        }
        return in;
    }

    /**
     * A UTF-8 line reader over {@code in} that fails on malformed bytes instead of silently
     * replacing them, so that a binary file given as CSV is reported, not parsed as garbage.
     */
    static BufferedReader utf8Lines(InputStream in) {
        return new BufferedReader(utf8Reader(in), BUFFER_BYTES);
    }

    /** UTF-8 characters of {@code in}, failing on malformed bytes (see {@link #utf8Lines}). */
    static Reader utf8Reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The file name without directory and without the extensions {@code .gz} and {@code ext}. */
    static String baseName(Path file, String... extensions) {
        String name = file.getFileName().toString();
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        for (String ext : extensions) {
            if (name.endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }
}
