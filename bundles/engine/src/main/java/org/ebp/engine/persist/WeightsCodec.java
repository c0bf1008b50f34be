package org.ebp.engine.persist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.model.ParameterLayout;
import org.ebp.io.SafeFiles;

/**
 * A network's weights as NumPy files, in the layout documented in the README ("Weights for
 * NumPy"): for each layer in order, {@code W} row-major {@code [out][in]} then {@code b}
 * {@code [out]}. An {@code .npz} holds them as named arrays {@code layer1.W}, {@code layer1.b},
 * ... (RBF layers: {@code layerN.centers}, {@code layerN.widths}); an {@code .npy} holds one flat
 * float64 vector of all of them in that order, which is the engine's own parameter order.
 */
public final class WeightsCodec {

    /** Bytes a header and zip entry may add to an array's data (numpy's header is 128 bytes at most for 2-D). */
    private static final int OVERHEAD = 4096;

    private WeightsCodec() {
    }

    /** The array name of a layout segment: layer1.weights becomes layer1.W, layer1.biases layer1.b. */
    public static String arrayName(ParameterLayout.Segment s) {
        return switch (s.role()) {
            case WEIGHTS -> "layer" + s.layer() + ".W";
            case BIASES -> "layer" + s.layer() + ".b";
            default -> "layer" + s.layer() + "." + s.role().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The numpy shape of a segment: (rows, cols) for matrices, (rows,) for vectors. */
    static int[] shapeOf(ParameterLayout.Segment s) {
        return s.role() == ParameterLayout.Role.WEIGHTS || s.role() == ParameterLayout.Role.CENTERS
                ? new int[] {s.rows(), s.cols()} : new int[] {s.length()};
    }

    /** Whether a path names an .npz archive (else a flat .npy). */
    public static boolean isArchive(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    /**
     * Writes the weights to an .npz (named arrays) or .npy (one flat vector) through {@link SafeFiles}.
     *
     * @throws IllegalArgumentException for a name ending in neither .npz nor .npy
     */
    public static void write(Path file, ParameterLayout layout, double[] weights) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            SafeFiles.write(file, out -> out.write(new NpyArray(new int[] {weights.length}, weights).toBytes()));
            return;
        }
        if (!name.endsWith(".npz")) {
            throw new IllegalArgumentException(file + ": name the file .npz (named arrays layer1.W, layer1.b, ...) or .npy "
                    + "(one flat float64 vector)");
        }
        SafeFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (ParameterLayout.Segment s : layout.segments()) {
                double[] part = java.util.Arrays.copyOfRange(weights, s.offset(), s.end());
                zip.putNextEntry(new ZipEntry(arrayName(s) + ".npy"));
                zip.write(new NpyArray(shapeOf(s), part).toBytes());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * Reads weights for {@code layout} from an .npz or .npy file and checks every shape and value.
     *
     * @return a new weight vector in the layout's order
     * @throws DataFormatException naming the file, the array or layer, and both shapes
     */
    public static double[] read(Path file, ParameterLayout layout) throws DataFormatException {
        long limit = (long) layout.size() * 8 + (long) OVERHEAD * (layout.segments().size() + 1);
        byte[] bytes = readBounded(file, limit);
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K') {
            return fromArchive(file, bytes, layout, limit);
        }
        NpyArray flat = NpyArray.read(file.toString(), bytes, layout.size());
        int[] shape = flat.shape();
        boolean vector = shape.length == 1 || shape.length == 2 && (shape[0] == 1 || shape[1] == 1);
        if (!vector || flat.values().length != layout.size()) {
            throw new DataFormatException(file + ": holds shape " + NpyArray.shapeText(shape) + " but the network needs one "
                    + "flat vector of " + layout.size() + " values, shape " + NpyArray.shapeText(new int[] {layout.size()}));
        }
        return flat.values();
    }

    /**
     * The arrays of an archive; each entry may take up to {@code limit} bytes (what the whole
     * network's weights can take), so an array of another network's shape reaches the shape check
     * and is named with both shapes.
     */
    private static double[] fromArchive(Path file, byte[] bytes, ParameterLayout layout, long limit)
            throws DataFormatException {
        Map<String, ParameterLayout.Segment> wanted = new LinkedHashMap<>();
        for (ParameterLayout.Segment s : layout.segments()) {
            wanted.put(arrayName(s), s);
        }
        double[] weights = new double[layout.size()];
        Map<String, Boolean> seen = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String entryName = entry.getName();
                String arrayName = entryName.endsWith(".npy") ? entryName.substring(0, entryName.length() - 4) : entryName;
                ParameterLayout.Segment s = wanted.get(arrayName);
                if (s == null) {
                    throw new DataFormatException(file + ": holds an array '" + NpyArray.Text.cut(arrayName) + "' the network "
                            + "does not have; it has " + String.join(", ", wanted.keySet()));
                }
                byte[] data = readAll(zip, limit, file + " (" + arrayName + ")");
                // the values are at most the bytes already read: no allocation beyond them
                NpyArray a = NpyArray.read(file + " (" + arrayName + ")", data, data.length);
                int[] expected = shapeOf(s);
                if (!java.util.Arrays.equals(a.shape(), expected)) {
                    throw new DataFormatException(file + ": layer " + s.layer() + " array '" + arrayName + "' has shape "
                            + NpyArray.shapeText(a.shape()) + " but the network needs " + NpyArray.shapeText(expected));
                }
                System.arraycopy(a.values(), 0, weights, s.offset(), s.length());
                seen.put(arrayName, true);
            }
        } catch (ZipException e) {
            throw new DataFormatException(file + ": is not a readable .npz archive: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new DataFormatException(file + ": the .npz archive is truncated", e);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
        for (String name : wanted.keySet()) {
            if (!seen.containsKey(name)) {
                throw new DataFormatException(file + ": has no array '" + name + "' (shape "
                        + NpyArray.shapeText(shapeOf(wanted.get(name))) + "); it holds " + (seen.isEmpty() ? "no arrays"
                        : String.join(", ", seen.keySet())));
            }
        }
        return weights;
    }

    private static byte[] readBounded(Path file, long limit) throws DataFormatException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new DataFormatException(file + (Files.exists(file) ? ": is not a regular file" : ": no such file"));
            }
            long size = Files.size(file);
            byte[] start = new byte[6];
            try (InputStream in = Files.newInputStream(file)) {
                int n = in.readNBytes(start, 0, start.length);
                boolean npy = n == 6 && (start[0] & 0xff) == 0x93 && start[1] == 'N' && start[2] == 'U';
                boolean zip = n >= 2 && start[0] == 'P' && start[1] == 'K';
                if (!npy && !zip) {
                    throw new DataFormatException(file + ": is not a NumPy .npy array or .npz archive (it starts with neither "
                            + "\\x93NUMPY nor PK)");
                }
            }
            if (size > limit) {
                throw new DataFormatException(file + ": has " + size + " bytes, more than weights for this network can "
                        + "take (" + limit + "); is it the weights of another network?");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return readAll(in, limit, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": no such file");
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(InputStream in, long limit, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new DataFormatException(source + ": holds more than the " + limit + " bytes its array can take");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
