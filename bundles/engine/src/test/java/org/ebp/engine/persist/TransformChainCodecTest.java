package org.ebp.engine.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.State;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.FittedTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformChainCodecTest {

    @TempDir
    Path dir;

    private static FittedTransform center() {
        return new FittedTransform("center", Map.of(), 3, 3,
                new State().putArray("mean", new double[] {0.1, 1.0 / 3, -7e-300}).putArray("scale", new double[] {1, 1, 1}), "centred");
    }

    private static FittedTransform pca() {
        return new FittedTransform("pca", Map.of("components", "2"), 3, 2,
                new State().putArray("components", new double[] {1, 0, 0, 0, 1, 0}), "");
    }

    @Test
    void roundTripIsExact() throws Exception {
        Path file = java.nio.file.Files.createDirectory(dir.resolve("sub")).resolve("chain.json");
        TransformChainCodec.write(file, List.of(center(), pca()));
        List<FittedTransform> back = TransformChainCodec.read(file);
        assertEquals(2, back.size());
        assertEquals("center", back.get(0).transform());
        assertArrayEquals(center().values().array("mean"), back.get(0).values().array("mean"), 0.0, "doubles round-trip exactly");
        assertEquals(Map.of("components", "2"), back.get(1).settings());
        assertEquals(2, back.get(1).outputWidth());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aSingleFittedTransformFileReadsAsAChainOfOne() throws Exception {
        Path file = dir.resolve("one.json");
        FittedTransformCodec.write(file, center());
        assertEquals(List.of("center"), TransformChainCodec.read(file).stream().map(FittedTransform::transform).toList());
    }

    @Test
    void problemsNameTheFile() throws Exception {
        Path missing = dir.resolve("absent.json");
        assertTrue(assertThrows(DataFormatException.class, () -> TransformChainCodec.read(missing)).getMessage()
                .contains("absent.json: no such file"));
        Path other = Files.writeString(dir.resolve("model.json"), "{\"format\": \"ebp-model\", \"version\": 1}");
        assertTrue(assertThrows(DataFormatException.class, () -> TransformChainCodec.read(other)).getMessage()
                .contains("has format 'ebp-model', not 'ebp-transform-chain'"));
        Path newer = Files.writeString(dir.resolve("newer.json"), "{\"format\": \"ebp-transform-chain\", \"version\": 2, \"transforms\": []}");
        assertTrue(assertThrows(DataFormatException.class, () -> TransformChainCodec.read(newer)).getMessage()
                .contains("version 2 is not supported"));
        Path notJson = Files.writeString(dir.resolve("text.json"), "center, pca");
        assertTrue(assertThrows(DataFormatException.class, () -> TransformChainCodec.read(notJson)).getMessage()
                .startsWith(notJson.toString()));
        Path file = dir.resolve("chain.json");
        TransformChainCodec.write(file, List.of(center(), pca()));
        String broken = Files.readString(file).replace("\"inputWidth\":3,\"outputWidth\":2", "\"inputWidth\":5,\"outputWidth\":2");
        Path unlinked = Files.writeString(dir.resolve("unlinked.json"), broken);
        DataFormatException e = assertThrows(DataFormatException.class, () -> TransformChainCodec.read(unlinked));
        assertTrue(e.getMessage().contains("transform 2 (pca) expects 5 features but transform 1 (center) produces 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransformChainCodec.write(dir.resolve("empty.json"), List.of()));
        assertTrue(Files.notExists(dir.resolve("empty.json")));
    }
}
