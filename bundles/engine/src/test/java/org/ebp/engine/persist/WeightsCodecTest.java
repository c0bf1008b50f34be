package org.ebp.engine.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.model.ParameterLayout;
import org.ebp.engine.network.Network;
import org.ebp.engine.testing.TestActivations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NumPy weight files: what numpy wrote (src/test/resources/numpy, made by make_test_files.py
 * with numpy 2.4) reads into the documented layout, what we write reads back bit for bit, and
 * bad files are refused with one line naming the file and the problem.
 */
class WeightsCodecTest {

    @TempDir
    Path dir;

    private static final ParameterLayout LAYOUT = new Network(new int[] {4, 3, 2}, TestActivations.tanh(),
            TestActivations.tanh()).layout();

    private static Path resource(String name) {
        return Path.of("src/test/resources/numpy", name);
    }

    /** The generator's values: layer L's W[i][j] = L + i/10 + j/100, b[i] = -(L + i/10), in the engine's order. */
    private static double[] expected(boolean float32) {
        double[] w = new double[LAYOUT.size()];
        for (ParameterLayout.Segment s : LAYOUT.segments()) {
            for (int i = 0; i < s.rows(); i++) {
                for (int j = 0; j < (s.role() == ParameterLayout.Role.WEIGHTS ? s.cols() : 1); j++) {
                    double v = s.role() == ParameterLayout.Role.WEIGHTS ? s.layer() + i / 10.0 + j / 100.0 : -(s.layer() + i / 10.0);
                    w[s.offset() + (s.role() == ParameterLayout.Role.WEIGHTS ? i * s.cols() + j : i)] = float32 ? (float) v : v;
                }
            }
        }
        return w;
    }

    @Test
    void readsWhatNumpyWrote() throws DataFormatException {
        assertEquals(23, LAYOUT.size());
        assertArrayEquals(expected(false), WeightsCodec.read(resource("net-4-3-2-f8.npz"), LAYOUT));
        assertArrayEquals(expected(false), WeightsCodec.read(resource("net-4-3-2-flat.npy"), LAYOUT));
        // float32 big-endian in a compressed archive: the float32 values exactly
        assertArrayEquals(expected(true), WeightsCodec.read(resource("net-4-3-2-f4-big.npz"), LAYOUT));
    }

    @Test
    void whatWeWriteReadsBackBitForBit() throws IOException {
        double[] w = new double[LAYOUT.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.sin(i * 1.7) * 1e-3 + Math.ulp(1.0) * i;
        }
        for (String name : new String[] {"w.npz", "w.npy"}) {
            Path file = dir.resolve(name);
            WeightsCodec.write(file, LAYOUT, w);
            assertArrayEquals(w, WeightsCodec.read(file, LAYOUT), name);
        }
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve("w.npy")), 128);
        String text = new String(header, 10, 118, java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (23,), }", text.trim());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightsCodec.write(dir.resolve("w.txt"), LAYOUT, w));
        assertTrue(e.getMessage().contains("name the file .npz"), e.getMessage());
    }

    @Test
    void badFilesAreRefusedWithOneLine() throws IOException {
        assertProblem("bad-fortran.npy", "the array is in Fortran order; write it in C order");
        assertProblem("bad-int.npy", "dtype '<i4' is not supported; save float64 or float32");
        assertProblem("bad-nan.npy", "element 5 is NaN, not a finite number");
        assertProblem("bad-shape.npz", "layer 2 array 'layer2.W' has shape (3, 2) but the network needs (2, 3)");
        assertProblem("bad-truncated.npy", "needs 184 data bytes but the file has 172 (it is truncated)");
        Path half = dir.resolve("half.npz");
        byte[] archive = Files.readAllBytes(resource("net-4-3-2-f8.npz"));
        Files.write(half, java.util.Arrays.copyOf(archive, archive.length / 2));
        DataFormatException cut = assertThrows(DataFormatException.class, () -> WeightsCodec.read(half, LAYOUT));
        assertTrue(cut.getMessage().startsWith(half.toString()), cut.getMessage());
        Path text = dir.resolve("model.json");
        Files.writeString(text, "{\"format\": \"ebp-model\"}");
        DataFormatException notNumpy = assertThrows(DataFormatException.class, () -> WeightsCodec.read(text, LAYOUT));
        assertEquals(text + ": is not a NumPy .npy array or .npz archive (it starts with neither \\x93NUMPY nor PK)",
                notNumpy.getMessage());
        Path wider = dir.resolve("wider.npz");
        ParameterLayout wide = new Network(new int[] {4, 5, 2}, TestActivations.tanh(), TestActivations.tanh()).layout();
        WeightsCodec.write(wider, wide, new double[wide.size()]);
        DataFormatException wrong = assertThrows(DataFormatException.class, () -> WeightsCodec.read(wider, LAYOUT));
        assertEquals(wider + ": layer 1 array 'layer1.W' has shape (5, 4) but the network needs (3, 4)", wrong.getMessage());
        Path other = dir.resolve("other.npy");
        WeightsCodec.write(other, LAYOUT, new double[LAYOUT.size()]);
        ParameterLayout bigger = new Network(new int[] {4, 5, 2}, TestActivations.tanh(), TestActivations.tanh()).layout();
        DataFormatException shape = assertThrows(DataFormatException.class, () -> WeightsCodec.read(other, bigger));
        assertEquals(other + ": holds shape (23,) but the network needs one flat vector of 37 values, shape (37,)", shape.getMessage());
        DataFormatException missing = assertThrows(DataFormatException.class,
                () -> WeightsCodec.read(dir.resolve("none.npz"), LAYOUT));
        assertEquals(dir.resolve("none.npz") + ": no such file", missing.getMessage());
    }

    private static void assertProblem(String name, String part) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> WeightsCodec.read(resource(name), LAYOUT));
        assertTrue(e.getMessage().startsWith(resource(name).toString()) && e.getMessage().contains(part), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
