package org.ebp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.data.Dataset;
import org.junit.jupiter.api.Test;

class StratifiedSplitterTest {

    private final StratifiedSplitter splitter = new StratifiedSplitter();

    private static LinkedHashMap<String, Double> fractions(Object... nameFraction) {
        LinkedHashMap<String, Double> f = new LinkedHashMap<>();
        for (int i = 0; i < nameFraction.length; i += 2) {
            f.put((String) nameFraction[i], ((Number) nameFraction[i + 1]).doubleValue());
        }
        return f;
    }

    private static final LinkedHashMap<String, Double> TRAIN_VALIDATION_TEST = fractions("train", 0.7, "validation", 0.15, "test", 0.15);

    /** A set whose feature 0 is the row number, so that views can be traced back to rows. */
    private static Dataset numbered(int[] classSizes) {
        int n = Arrays.stream(classSizes).sum();
        float[] x = new float[n];
        int[] labels = new int[n];
        int row = 0;
        for (int k = 0; k < classSizes.length; k++) {
            for (int i = 0; i < classSizes[k]; i++, row++) {
                x[row] = row;
                labels[row] = k;
            }
        }
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < classSizes.length; k++) {
            names.add("c" + k);
        }
        return Dataset.classification("numbered", x, n, 1, labels, names, List.of("row"));
    }

    private static int[] originalRows(Dataset part) {
        int[] rows = new int[part.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (int) part.feature(i, 0);
        }
        return rows;
    }

    @Test
    void partsHaveTheFractionsSizesAndViewNames() throws Exception {
        Dataset digits = new DigitsDataset().load(new DigitsDataset().defaults());
        LinkedHashMap<String, Dataset> parts = splitter.split(digits, TRAIN_VALIDATION_TEST, true, 42);
        assertEquals(List.of("train", "validation", "test"), List.copyOf(parts.keySet()));
        assertEquals("digits/train", parts.get("train").name());
        assertEquals("digits/test", parts.get("test").name());
        int total = 0;
        for (Map.Entry<String, Dataset> e : parts.entrySet()) {
            double expected = TRAIN_VALIDATION_TEST.get(e.getKey()) * digits.size();
            // Each part's total stays within one row of its share (see the class javadoc).
            assertTrue(Math.abs(e.getValue().size() - expected) <= 1, e.getKey() + ": " + e.getValue().size() + " vs " + expected);
            assertEquals(64, e.getValue().features());
            total += e.getValue().size();
        }
        assertEquals(1797, total);
    }

    @Test
    void partsAreDisjointAndComplete() {
        Dataset data = numbered(new int[] {40, 33, 27});
        LinkedHashMap<String, Dataset> parts = splitter.split(data, TRAIN_VALIDATION_TEST, true, 7);
        boolean[] seen = new boolean[data.size()];
        for (Dataset part : parts.values()) {
            for (int i = 0; i < part.size(); i++) {
                int row = (int) part.feature(i, 0);
                assertFalse(seen[row], "row " + row + " in two parts");
                seen[row] = true;
                assertEquals(data.label(row), part.label(i), "a view keeps each row's label");
            }
        }
        for (int row = 0; row < seen.length; row++) {
            assertTrue(seen[row], "row " + row + " in no part");
        }
    }

    @Test
    void stratifiedPartsKeepClassProportionsWithinOneRow() {
        int[] classSizes = {40, 33, 27, 5};
        Dataset data = numbered(classSizes);
        LinkedHashMap<String, Dataset> parts = splitter.split(data, TRAIN_VALIDATION_TEST, true, 3);
        for (Map.Entry<String, Dataset> e : parts.entrySet()) {
            int[] counts = e.getValue().classCounts();
            double f = TRAIN_VALIDATION_TEST.get(e.getKey());
            for (int k = 0; k < classSizes.length; k++) {
                double share = f * classSizes[k];
                assertTrue(counts[k] == Math.floor(share) || counts[k] == Math.ceil(share),
                        e.getKey() + " class " + k + ": " + counts[k] + " rows for a share of " + share);
            }
        }
        // Iris: 50 per class, 0.7 / 0.15 / 0.15 -> 35 and 7 or 8 of each class.
        Dataset iris = numbered(new int[] {50, 50, 50});
        int[] train = splitter.split(iris, TRAIN_VALIDATION_TEST, true, 1).get("train").classCounts();
        assertArrayEquals(new int[] {35, 35, 35}, train);
    }

    @Test
    void partsAreNotSortedByClass() {
        Dataset data = numbered(new int[] {50, 50, 50});
        Dataset train = splitter.split(data, TRAIN_VALIDATION_TEST, true, 5).get("train");
        int changes = 0;
        for (int i = 1; i < train.size(); i++) {
            changes += train.label(i) != train.label(i - 1) ? 1 : 0;
        }
        // Sorted by class there would be 2 changes; a shuffle of 105 rows in 3 classes gives about 70.
        assertTrue(changes > 20, changes + " class changes");
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset data = numbered(new int[] {60, 45, 30});
        int[] a = originalRows(splitter.split(data, TRAIN_VALIDATION_TEST, true, 11).get("test"));
        int[] b = originalRows(splitter.split(data, TRAIN_VALIDATION_TEST, true, 11).get("test"));
        int[] c = originalRows(splitter.split(data, TRAIN_VALIDATION_TEST, true, 12).get("test"));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        int[] sortedA = a.clone();
        int[] sortedC = c.clone();
        Arrays.sort(sortedA);
        Arrays.sort(sortedC);
        assertFalse(Arrays.equals(sortedA, sortedC), "another seed picks other rows, not only another order");
    }

    @Test
    void unstratifiedSplitUsesExactTotals() {
        Dataset data = numbered(new int[] {90, 10});
        LinkedHashMap<String, Dataset> parts = splitter.split(data, fractions("train", 0.8, "test", 0.2), false, 9);
        assertEquals(80, parts.get("train").size());
        assertEquals(20, parts.get("test").size());
    }

    @Test
    void regressionSetsSplitOnlyUnstratified() {
        Dataset reg = Dataset.regression("reg", new float[] {1, 2, 3, 4}, 4, 1, new float[] {1, 2, 3, 4}, 1, List.of());
        LinkedHashMap<String, Dataset> parts = splitter.split(reg, fractions("a", 0.5, "b", 0.5), false, 1);
        assertEquals(2, parts.get("a").size());
        assertEquals(parts.get("a").feature(0, 0), parts.get("a").target(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> splitter.split(reg, fractions("a", 0.5, "b", 0.5), true, 1));
        assertTrue(e.getMessage().contains("stratify=false"), e.getMessage());
    }

    @Test
    void fractionsMustBePositiveAndSumToOne() {
        Dataset data = numbered(new int[] {50, 50});
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> splitter.split(data, fractions("train", 0.7, "test", 0.2), true, 1));
        assertTrue(sum.getMessage().contains("sum to 0.9"), sum.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> splitter.split(data, fractions("train", 1.2, "test", -0.2), true, 1));
        assertTrue(negative.getMessage().contains("'test'"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> splitter.split(data, fractions("train", 1.0, "test", 0.0), true, 1));
        assertThrows(IllegalArgumentException.class, () -> splitter.split(data, fractions(), true, 1));
    }

    @Test
    void aPartThatWouldBeEmptyIsRefused() {
        Dataset data = numbered(new int[] {10, 10});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> splitter.split(data, fractions("train", 0.99, "test", 0.01), true, 1));
        assertTrue(e.getMessage().contains("'test'") && e.getMessage().contains("empty"), e.getMessage());
    }
}
