package org.ebp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.SplitDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistDatasetTest {

    private final FashionMnistDataset fashion = new FashionMnistDataset();

    private static boolean installed() {
        return Files.isDirectory(Path.of(FashionMnistDataset.DEFAULT_DIR));
    }

    @Test
    void trainingPartHas60000ImagesIn10BalancedClasses() throws Exception {
        assumeTrue(installed(), "dataset-fashion-mnist is not installed");
        long start = System.nanoTime();
        Dataset d = fashion.load(fashion.settings(Map.of("part", "train")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Reported, not asserted: timed assertions are flaky on a shared machine.
        System.out.println("fashion-mnist train: " + d + " loaded in " + millis + " ms");
        assertEquals("fashion-mnist-train", d.name());
        assertEquals(60000, d.size());
        assertEquals(784, d.features());
        assertEquals(FashionMnistDataset.CLASS_NAMES, d.classNames());
        int[] sixThousandEach = new int[10];
        java.util.Arrays.fill(sixThousandEach, 6000);
        assertArrayEquals(sixThousandEach, d.classCounts());
        float max = 0;
        for (int j = 0; j < 784; j++) {
            max = Math.max(max, d.feature(0, j));
        }
        assertTrue(max > 0 && max <= 255, "first image has ink, pixels within 0..255");
        // Known first label of the training file: 9, Ankle boot.
        assertEquals(9, d.label(0));
    }

    @Test
    void testPartHas10000Images() throws Exception {
        assumeTrue(installed(), "dataset-fashion-mnist is not installed");
        long start = System.nanoTime();
        Dataset d = fashion.load(fashion.settings(Map.of("part", "test")));
        System.out.println("fashion-mnist test: " + d + " loaded in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals(10000, d.size());
        assertEquals(784, d.features());
        int[] thousandEach = new int[10];
        java.util.Arrays.fill(thousandEach, 1000);
        assertArrayEquals(thousandEach, d.classCounts());
    }

    @Test
    void defaultLoadsBothFilesWithTheOfficialSplits() throws Exception {
        assumeTrue(installed(), "dataset-fashion-mnist is not installed");
        SplitDataset loaded = fashion.loadWithSplits(fashion.defaults());
        Dataset all = loaded.data();
        assertEquals("fashion-mnist", all.name());
        assertEquals(70000, all.size());
        assertEquals(java.util.List.of("train", "test"), java.util.List.copyOf(loaded.splits().keySet()));
        Dataset train = loaded.split("train");
        Dataset test = loaded.split("test");
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        // The splits are the files: the same first label and pixels as the single-part loads.
        Dataset testOnly = fashion.load(fashion.settings(Map.of("part", "test")));
        assertEquals(9, train.label(0));
        assertArrayEquals(testOnly.labels(), test.labels());
        for (int j = 0; j < 784; j++) {
            assertEquals(testOnly.feature(9999, j), test.feature(9999, j));
        }
    }

    @Test
    void missingFolderSaysHowToInstall(@TempDir Path dir) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> fashion.load(fashion.settings(Map.of("dir", dir.resolve("absent").toString()))));
        assertTrue(e.getMessage().startsWith("Fashion-MNIST is not installed: run apt-get install dataset-fashion-mnist (as root) or give dir=..."),
                e.getMessage());
    }

    @Test
    void folderWithoutTheFilesNamesTheMissingFile(@TempDir Path dir) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> fashion.load(fashion.settings(Map.of("dir", dir.toString(), "part", "test"))));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz"), e.getMessage());
    }
}
