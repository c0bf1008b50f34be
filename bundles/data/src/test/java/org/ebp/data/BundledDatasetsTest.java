package org.ebp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.junit.jupiter.api.Test;

class BundledDatasetsTest {

    private static Dataset load(DatasetSource source) throws Exception {
        return source.load(source.settings(Map.of()));
    }

    @Test
    void digitsHas1797ImagesOf64PixelsIn10Classes() throws Exception {
        Dataset d = load(new DigitsDataset());
        assertEquals("digits", d.name());
        assertEquals(1797, d.size());
        assertEquals(64, d.features());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        // Counted in the file with awk: class sizes of the UCI test part.
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.classCounts());
        assertEquals("pixel_0_0", d.featureNames().get(0));
        assertEquals("pixel_7_7", d.featureNames().get(63));
        // First row of digits.csv.gz: 0,0,5,13,9,1,0,0,... label 0.
        assertEquals(5f, d.feature(0, 2));
        assertEquals(13f, d.feature(0, 3));
        assertEquals(0, d.label(0));
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : d.featureMatrix()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(16f, max);
    }

    @Test
    void irisHas150FlowersIn3ClassesOf50() throws Exception {
        Dataset d = load(new IrisDataset());
        assertEquals(150, d.size());
        assertEquals(4, d.features());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new int[] {50, 50, 50}, d.classCounts());
        assertEquals("petal width (cm)", d.featureNames().get(3));
        // First data row: 5.1,3.5,1.4,0.2,0
        float[] row = new float[4];
        d.copyRow(0, row, 0);
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, row);
    }

    @Test
    void wineHas178WinesIn3Classes() throws Exception {
        Dataset d = load(new WineDataset());
        assertEquals(178, d.size());
        assertEquals(13, d.features());
        assertEquals(13, d.featureNames().size());
        assertEquals(List.of("class_0", "class_1", "class_2"), d.classNames());
        assertArrayEquals(new int[] {59, 71, 48}, d.classCounts());
        assertEquals(1065f, d.feature(0, 12)); // proline of the first wine
    }

    @Test
    void breastCancerHas569CasesIn2Classes() throws Exception {
        Dataset d = load(new BreastCancerDataset());
        assertEquals("breast-cancer", d.name());
        assertEquals(569, d.size());
        assertEquals(30, d.features());
        assertEquals(List.of("malignant", "benign"), d.classNames());
        assertArrayEquals(new int[] {212, 357}, d.classCounts());
        assertEquals("mean radius", d.featureNames().get(0));
        assertEquals("radius error", d.featureNames().get(10));
        assertEquals("worst fractal dimension", d.featureNames().get(29));
    }

    @Test
    void everyBundledSetNamesItselfAndDescribesItsShape() {
        for (DatasetSource s : List.of(new DigitsDataset(), new IrisDataset(), new WineDataset(), new BreastCancerDataset())) {
            assertTrue(s.parameters().isEmpty(), s.name());
            assertTrue(s.description().contains("examples"), s.name());
        }
    }

    @Test
    void loadsAreIndependentCopies() throws Exception {
        Dataset a = load(new IrisDataset());
        Dataset b = load(new IrisDataset());
        assertTrue(a.sameContents(b));
    }
}
