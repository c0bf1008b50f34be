package org.ebp.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
            throw new InvalidSettingException("'" + owner + "' setting " + key + "=" + text + " is not a valid path: " + e.getReason());
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
        if (!Files.isReadable(file)) {
            throw new DataFormatException(what + " " + file + " is not readable; check its permissions");
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
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), BUFFER_BYTES);
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
