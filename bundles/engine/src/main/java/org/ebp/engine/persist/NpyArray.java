package org.ebp.engine.persist;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebp.api.data.DataFormatException;

/**
 * One NumPy array in the {@code .npy} format (NEP 1, versions 1.0 to 3.0): the magic string
 * {@code \x93NUMPY}, a version, a little-endian header length, a Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (30, 64), }} padded with spaces to a
 * multiple of 64 bytes and ended by a newline, then the values in C (row-major) order.
 *
 * <p>Writes float64 little-endian. Reads float32 and float64 of either byte order in C order;
 * refuses Fortran order, other dtypes, shapes whose data is not exactly the bytes that follow
 * (truncated or with trailing bytes), and shapes larger than the caller allows, before it
 * allocates anything.
 *
 * @param shape  the dimensions (empty for a scalar)
 * @param values the values in C order
 */
public record NpyArray(int[] shape, double[] values) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** Header blocks end on this boundary (numpy aligns to 64 bytes since 1.? for memory mapping). */
    private static final int ALIGN = 64;

    public NpyArray {
        shape = shape.clone();
        values = values.clone();
        if (count(shape) != values.length) {
            throw new IllegalArgumentException("shape " + shapeText(shape) + " needs " + count(shape) + " values, not "
                    + values.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The shape as numpy prints it, e.g. (30, 64) or (10,). */
    public static String shapeText(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(')').toString();
    }

    /** The array as {@code .npy} bytes: version 1.0, float64 little-endian, C order. */
    public byte[] toBytes() {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(unpadded + padding + values.length * 8);
        out.write(MAGIC, 0, MAGIC.length);
        out.write(1);
        out.write(0);
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        out.write(headerBytes.length & 0xff);
        out.write(headerBytes.length >>> 8);
        out.write(headerBytes, 0, headerBytes.length);
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            data.putDouble(v);
        }
        out.write(data.array(), 0, data.capacity());
        return out.toByteArray();
    }

    /**
     * Reads {@code .npy} bytes.
     *
     * @param source    names the file (and the array in an archive) in messages
     * @param maxValues the most values the caller can use; a larger declared shape is refused unread
     * @throws DataFormatException naming the source and the problem
     */
    public static NpyArray read(String source, byte[] bytes, long maxValues) throws DataFormatException {
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new DataFormatException(source + ": is not a NumPy .npy array (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new DataFormatException(source + ": the .npy header is cut off");
            }
            long length = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (length > bytes.length) {
                throw new DataFormatException(source + ": the .npy header is cut off");
            }
            headerLength = (int) length;
            headerStart = 12;
        } else {
            throw new DataFormatException(source + ": .npy format version " + major + "." + (bytes[7] & 0xff)
                    + " is not supported (this reader reads 1.0, 2.0 and 3.0)");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new DataFormatException(source + ": the .npy header is cut off (the file has " + bytes.length + " bytes)");
        }
        String header = new String(bytes, headerStart, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = field(source, header, DESCR, "descr");
        String fortran = field(source, header, FORTRAN, "fortran_order");
        int[] shape = parseShape(source, field(source, header, SHAPE, "shape"));
        if (fortran.equals("True")) {
            throw new DataFormatException(source + ": the array is in Fortran order; write it in C order "
                    + "(numpy.ascontiguousarray) and save it again");
        }
        ByteOrder order;
        int size;
        switch (descr) {
            case "<f8" -> { order = ByteOrder.LITTLE_ENDIAN; size = 8; }
            case ">f8" -> { order = ByteOrder.BIG_ENDIAN; size = 8; }
            case "<f4" -> { order = ByteOrder.LITTLE_ENDIAN; size = 4; }
            case ">f4" -> { order = ByteOrder.BIG_ENDIAN; size = 4; }
            default -> throw new DataFormatException(source + ": dtype '" + Text.cut(descr) + "' is not supported; "
                    + "save float64 or float32 (numpy: a.astype(numpy.float64))");
        }
        long count = count(shape);
        if (count > maxValues) {
            throw new DataFormatException(source + ": shape " + shapeText(shape) + " holds " + count
                    + " values, more than the " + maxValues + " the network has");
        }
        int dataStart = headerStart + headerLength;
        long expected = count * size;
        long actual = bytes.length - dataStart;
        if (actual != expected) {
            throw new DataFormatException(source + ": shape " + shapeText(shape) + " of " + descr + " needs " + expected
                    + " data bytes but the file has " + actual + (actual < expected ? " (it is truncated)" : ""));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) expected).order(order);
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = size == 8 ? data.getDouble() : data.getFloat();
            if (!Double.isFinite(values[i])) {
                throw new DataFormatException(source + ": element " + i + " is " + values[i] + ", not a finite number");
            }
        }
        return new NpyArray(shape, values);
    }

    private static String field(String source, String header, Pattern pattern, String name) throws DataFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new DataFormatException(source + ": the .npy header has no '" + name + "': " + Text.cut(header.trim()));
        }
        return m.group(1);
    }

    private static int[] parseShape(String source, String text) throws DataFormatException {
        String[] parts = text.split(",");
        int n = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                long v = Long.parseLong(t.toLowerCase(Locale.ROOT).replace("l", ""));
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                dims[n++] = (int) v;
            } catch (NumberFormatException e) {
                throw new DataFormatException(source + ": the .npy shape (" + Text.cut(text) + ") is not a tuple of sizes");
            }
        }
        return Arrays.copyOf(dims, n);
    }

    private static long count(int[] shape) {
        long c = 1;
        for (int d : shape) {
            c *= d;
            if (c > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return c;
    }

    /** Short quotes of bad content: at most 80 characters, line breaks shown (found by KeptFilesFuzzTest). */
    static final class Text {
        private Text() {
        }

        static String cut(String s) {
            return org.ebp.io.Excerpt.of(s);
        }
    }
}
