package org.ebp.engine.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ebp.api.component.State;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.model.TargetCoding;
import org.ebp.engine.network.Network;
import org.ebp.engine.testing.TestActivations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path dir;

    private static FittedTransform transform() {
        State values = new State().putArray("mean", new double[] {0.1, -2.5e-7, 3.0 / 7})
                .putArray("scale", new double[] {1, 2, Math.PI}).putScalar("epsilon", 1e-8);
        return new FittedTransform("standardize", Map.of("epsilon", "1e-8"), 3, 3, values, "1 zero-variance feature kept");
    }

    private static ModelSnapshot model(boolean withOptimizer) {
        Network net = new Network(new int[] {4, 3, 2}, TestActivations.tanh(), TestActivations.tanh());
        double[] w = new double[net.size()];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian() / 3;
        }
        State state = new State().putArray("velocity", w.clone()).putScalar("t", 17).putScalar("best", Double.POSITIVE_INFINITY);
        return new ModelSnapshot(net.widths(), "tanh", "tanh", "low-high", new TargetCoding.Levels(-0.6, 0.6), Map.of(),
                "mse", "fan-in", Map.of("distribution", "uniform"), 42, net.layout(), w,
                withOptimizer ? "momentum" : null, withOptimizer ? Map.of("lr", "0.01", "mu", "0.9") : null,
                withOptimizer ? state : null, 3, 1234);
    }

    @Test
    void fittedTransformRoundTripsExactly() throws IOException {
        Path file = dir.resolve("standardize.json");
        FittedTransformCodec.write(file, transform());
        FittedTransform back = FittedTransformCodec.read(file);
        assertEquals(transform(), back);
        assertTrue(Files.readString(file).startsWith("{\"format\":\"ebp-fitted-transform\",\"version\":1,"));
    }

    @Test
    void modelRoundTripsExactlyWithOptimizerState() throws IOException {
        Path file = java.nio.file.Files.createDirectory(dir.resolve("sub")).resolve("model.json");
        ModelSnapshot m = model(true);
        ModelCodec.write(file, m);
        ModelSnapshot back = ModelCodec.read(file);
        assertArrayEquals(m.weights(), back.weights());
        assertArrayEquals(m.widths(), back.widths());
        assertEquals(m.layout(), back.layout());
        assertEquals(m.optimizerState(), back.optimizerState());
        assertEquals(Double.POSITIVE_INFINITY, back.optimizerState().scalar("best", 0));
        assertEquals(m.optimizerSettings(), back.optimizerSettings());
        assertEquals(m.levels(), back.levels());
        assertEquals(m.initializerSettings(), back.initializerSettings());
        assertEquals(42, back.seed());
        assertEquals(3, back.epoch());
        assertEquals(1234, back.step());
        assertEquals("low-high", back.coding());
    }

    @Test
    void modelWithoutOptimizerOrCodingRoundTrips() throws IOException {
        Path file = dir.resolve("plain.json");
        ModelSnapshot m = model(false);
        ModelSnapshot regression = new ModelSnapshot(m.widths(), "linear", "linear", null, null, Map.of(), "mse", "fan-in",
                Map.of(), 1, m.layout(), m.weights(), null, null, null, 0, 0);
        ModelCodec.write(file, regression);
        ModelSnapshot back = ModelCodec.read(file);
        assertNull(back.optimizer());
        assertNull(back.optimizerState());
        assertNull(back.coding());
        assertArrayEquals(regression.weights(), back.weights());
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "old content");
        ModelCodec.write(file, model(true));
        ModelCodec.write(file, model(false));
        assertNull(ModelCodec.read(file).optimizer());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary files left behind");
        }
    }

    private String modelText() {
        return JsonDocuments.toText(ModelCodec.toJson(model(true)));
    }

    private static String readProblem(String text) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelCodec.fromText("m.json", text));
        return e.getMessage();
    }

    @Test
    void refusesOtherFormatsAndVersions() {
        String text = modelText();
        assertEquals("m.json: has format 'ebp-fitted-transform', not 'ebp-model'",
                readProblem(text.replace("\"ebp-model\"", "\"ebp-fitted-transform\"")));
        assertEquals("m.json: ebp-model version 3 is not supported (this engine reads version 1 to 2)",
                readProblem(text.replace("\"version\":2", "\"version\":3")));
        assertEquals("m.json: has no \"format\" field; it is not a ebp-model file", readProblem("{\"version\":1}"));
        assertEquals("m.json: is not a ebp-model file (expected a JSON object with \"format\": \"ebp-model\")",
                readProblem("[1, 2]"));
    }

    @Test
    void refusesMalformedJson() {
        String text = modelText();
        assertTrue(readProblem(text.substring(0, text.length() / 2)).startsWith("m.json: is not valid JSON: "));
        assertTrue(readProblem(text + " {}").startsWith("m.json: is not valid JSON: "));
        assertTrue(readProblem("").startsWith("m.json: is not "));
    }

    @Test
    void refusesInconsistentContentNamingTheField() {
        String text = modelText();
        assertEquals("m.json: field 'weights' element 0 is NaN, not a finite number",
                readProblem(text.replaceFirst("\"weights\":\\[[^,]+,", "\"weights\":[NaN,")));
        assertEquals("m.json: field 'weights' has 22 numbers but the layout needs 23",
                readProblem(text.replaceFirst("\"weights\":\\[[^,]+,", "\"weights\":[")));
        assertEquals("m.json: field 'weights' element 1 must be a number, not \"x\"",
                readProblem(text.replaceFirst("\"weights\":\\[([^,]+),[^,]+,", "\"weights\":[$1,\"x\",")));
        assertEquals("m.json: field 'network.loss' is missing", readProblem(text.replace("\"loss\":\"mse\",", "")));
        assertEquals("m.json: field 'layout' holds 23 parameters but widths 4-3-3 need 27",
                readProblem(text.replace("\"widths\":[4,3,2]", "\"widths\":[4,3,3]")));
        assertTrue(readProblem(text.replace("\"offset\":12", "\"offset\":13"))
                .startsWith("m.json: field 'layout' is not valid: segment layer1.biases starts at 13"));
        assertEquals("m.json: field 'progress.epoch' must be a whole number, not 2.5",
                readProblem(text.replace("\"epoch\":3", "\"epoch\":2.5")));
        assertEquals("m.json: field 'network.widths' element 1 must be a positive whole number, not 0.0",
                readProblem(text.replace("\"widths\":[4,3,2]", "\"widths\":[4,0,2]")));
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("none.json");
        DataFormatException e = assertThrows(DataFormatException.class, () -> FittedTransformCodec.read(file));
        assertEquals(file + ": no such file", e.getMessage());
    }

    @Test
    void transformFileWithWrongWidthsIsRefused() throws IOException {
        String text = JsonDocuments.toText(FittedTransformCodec.toJson(transform())).replace("\"inputWidth\":3", "\"inputWidth\":0");
        DataFormatException e = assertThrows(DataFormatException.class, () -> FittedTransformCodec.fromText("t.json", text));
        assertEquals("t.json: inputWidth and outputWidth must be positive, not 0 and 3", e.getMessage());
    }
}
