package org.ebp.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.State;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.FittedTransform;
import org.junit.jupiter.api.Test;

class PerFeatureTransformsTest {

    /**
     * Features are stored as float: one value carries a relative rounding error of 2^-24 = 6e-8,
     * and a mean or variance over a few hundred such values of order 1 is off by a few times that.
     * 1e-6 leaves a margin of about ten.
     */
    private static final double FLOAT_TOLERANCE = 1e-6;

    private final StandardizeTransform standardize = new StandardizeTransform();
    private final CenterTransform center = new CenterTransform();
    private final ScaleTransform scale = new ScaleTransform();

    /** Features with different means and spreads; feature 2 is constant 5 and feature 4 is always 0. */
    private static final double[] MEANS = {3, -200, 5, 1e5, 0, 0.01};
    private static final double[] SPREADS = {1, 40, 0, 2, 0, 0.001};

    private static Dataset gaussian(String name, int n, long seed, double shift) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = MEANS.length;
        float[] x = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (MEANS[j] + shift + SPREADS[j] * gaussian(random));
            }
            labels[i] = i % 3;
        }
        return Dataset.classification(name, x, n, d, labels, List.of("a", "b", "c"), List.of("f0", "f1", "f2", "f3", "f4", "f5"));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double[] columnMeans(Dataset d) {
        double[] m = new double[d.features()];
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < m.length; j++) {
                m[j] += d.feature(i, j);
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= d.size();
        }
        return m;
    }

    private static double[] columnMeanSquares(Dataset d, double[] about) {
        double[] s = new double[d.features()];
        for (int i = 0; i < d.size(); i++) {
            for (int j = 0; j < s.length; j++) {
                double z = d.feature(i, j) - about[j];
                s[j] += z * z;
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] /= d.size();
        }
        return s;
    }

    @Test
    void standardizedTrainingSetHasMeanZeroAndVarianceOne() {
        Dataset train = gaussian("train", 400, 1, 0);
        FittedTransform fitted = standardize.fit(train, standardize.defaults(), null);
        Dataset z = standardize.apply(fitted, train);
        double[] mean = columnMeans(z);
        double[] variance = columnMeanSquares(z, mean);
        for (int j : new int[] {0, 1, 3, 5}) {
            assertEquals(0, mean[j], FLOAT_TOLERANCE, "mean of feature " + j);
            assertEquals(1, variance[j], FLOAT_TOLERANCE * 10, "variance of feature " + j);
        }
        assertEquals(train.size(), z.size());
        assertArrayEquals(train.labels(), z.labels());
        assertEquals(train.featureNames(), z.featureNames());
    }

    @Test
    void fittedValuesAreTheTrainingMeanAndInverseStandardDeviation() {
        Dataset train = gaussian("train", 300, 2, 0);
        FittedTransform fitted = standardize.fit(train, standardize.defaults(), null);
        assertEquals("standardize", fitted.transform());
        assertEquals(Map.of("target", "1.0"), fitted.settings());
        assertEquals(6, fitted.inputWidth());
        assertEquals(6, fitted.outputWidth());
        State values = fitted.values();
        assertEquals(java.util.Set.of("mean", "scale"), values.arrayNames());
        double[] mean = columnMeans(train);
        double[] variance = columnMeanSquares(train, mean);
        for (int j = 0; j < 6; j++) {
            // Both computed in double from the same floats, in a different order: agree to ~1e-15 relative.
            assertEquals(mean[j], values.array("mean")[j], 1e-12 * Math.max(1, Math.abs(mean[j])));
            if (SPREADS[j] > 0) {
                assertEquals(1 / Math.sqrt(variance[j]), values.array("scale")[j], 1e-9 / Math.sqrt(variance[j]));
            }
        }
    }

    @Test
    void otherSetsUseTheTrainingStatisticsNotTheirOwn() {
        Dataset train = gaussian("train", 500, 3, 0);
        Dataset test = gaussian("test", 200, 4, 10); // every feature shifted by +10
        FittedTransform fitted = standardize.fit(train, standardize.defaults(), null);
        Dataset z = standardize.apply(fitted, test);
        assertEquals("test", z.name());
        double[] mean = fitted.values().array("mean");
        double[] s = fitted.values().array("scale");
        for (int i = 0; i < test.size(); i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals((float) ((test.feature(i, j) - mean[j]) * s[j]), z.feature(i, j), "row " + i + " feature " + j);
            }
        }
        // Refitted on the test set the mean would be 0; with the training statistics it is the shift
        // of 10 in units of the training sd (1). Sampling: the sd estimated from 500 rows is off by
        // about 3% (0.3 of 10 at one sigma) and the two sample means by about 0.1, so allow 1.
        assertEquals(10.0 / SPREADS[0], columnMeans(z)[0], 1.0);
    }

    @Test
    void zeroVarianceFeaturesStayZeroWithoutNaN() {
        Dataset train = gaussian("train", 100, 5, 0);
        FittedTransform fitted = standardize.fit(train, standardize.defaults(), null);
        assertTrue(fitted.report().contains("features 2, 4 have zero variance on the training set; kept at 0"), fitted.report());
        Dataset shiftedTest = gaussian("test", 50, 6, 3); // features 2 and 4 are 8 and 3 here, not 5 and 0
        for (Dataset d : List.of(standardize.apply(fitted, train), standardize.apply(fitted, shiftedTest))) {
            for (float v : d.featureMatrix()) {
                assertFalse(Float.isNaN(v) || Float.isInfinite(v));
            }
            for (int i = 0; i < d.size(); i++) {
                assertEquals(0f, d.feature(i, 2));
                assertEquals(0f, d.feature(i, 4));
            }
        }
    }

    @Test
    void widthMismatchIsRefusedWithBothWidths() {
        FittedTransform fitted = standardize.fit(gaussian("train", 50, 7, 0), standardize.defaults(), null);
        Dataset narrow = Dataset.classification("narrow", new float[] {1, 2, 3}, 1, 3, new int[] {0}, List.of("a"), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> standardize.apply(fitted, narrow));
        assertEquals("transform 'standardize' was fitted on 6 features; this data has 3", e.getMessage());
    }

    @Test
    void scaleMakesTheMeanSquareEqualTheTargetWithoutCentring() {
        Dataset train = gaussian("train", 400, 8, 0);
        FittedTransform fitted = scale.fit(train, scale.settings(Map.of("target", "4")), null);
        Dataset z = scale.apply(fitted, train);
        double[] meanSquare = columnMeanSquares(z, new double[6]);
        for (int j : new int[] {0, 1, 2, 3, 5}) {
            assertEquals(4, meanSquare[j], 4 * FLOAT_TOLERANCE * 10, "mean square (eq 13) of feature " + j);
            // No centring: each value keeps its sign and the ratio z/x is the same in every row.
            double ratio = z.feature(0, j) / train.feature(0, j);
            assertEquals(ratio, z.feature(17, j) / train.feature(17, j), Math.abs(ratio) * FLOAT_TOLERANCE);
        }
        for (int i = 0; i < z.size(); i++) {
            assertEquals(0f, z.feature(i, 4), "an all-zero feature stays 0");
        }
        assertTrue(fitted.report().contains("feature 4 is 0 in every training row; kept at 0"), fitted.report());
        assertTrue(fitted.report().contains("feature 2 has zero variance"), fitted.report());
        assertArrayEquals(new double[6], fitted.values().array("mean"));
    }

    @Test
    void standardizeTargetIsTheCovariance() {
        Dataset train = gaussian("train", 400, 9, 0);
        Dataset z = standardize.apply(standardize.fit(train, standardize.settings(Map.of("target", "0.25")), null), train);
        double[] variance = columnMeanSquares(z, columnMeans(z));
        assertEquals(0.25, variance[1], 0.25 * FLOAT_TOLERANCE * 10);
    }

    @Test
    void centerSubtractsTheMeanAndKeepsTheSpread() {
        Dataset train = gaussian("train", 400, 10, 0);
        FittedTransform fitted = center.fit(train, center.defaults(), null);
        Dataset z = center.apply(fitted, train);
        double[] mean = columnMeans(z);
        double[] before = columnMeanSquares(train, columnMeans(train));
        double[] after = columnMeanSquares(z, mean);
        for (int j : new int[] {0, 1, 5}) {
            assertEquals(0, mean[j], FLOAT_TOLERANCE * Math.max(1, SPREADS[j]), "mean of feature " + j);
            assertEquals(before[j], after[j], before[j] * FLOAT_TOLERANCE * 10, "variance of feature " + j);
        }
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, fitted.values().array("scale"));
        assertTrue(fitted.report().contains("features 2, 4 have zero variance"), fitted.report());
    }

    @Test
    void aLargeMeanDoesNotSwampASmallSpread() {
        // Feature 3 has mean 1e5 and sd 2: the one-pass formula E[x^2] - E[x]^2 would lose about
        // 10 of its 16 digits; the two-pass computation keeps the variance to float accuracy.
        Dataset train = gaussian("train", 1000, 11, 0);
        Dataset z = standardize.apply(standardize.fit(train, standardize.defaults(), null), train);
        double[] mean = columnMeans(z);
        assertEquals(1, columnMeanSquares(z, mean)[3], 1e-4);
    }

    @Test
    void viewsAndRegressionSetsAreTransformedRowByRow() {
        Dataset train = gaussian("train", 100, 12, 0);
        FittedTransform fitted = standardize.fit(train, standardize.defaults(), null);
        Dataset view = train.subset("train/some", new int[] {5, 0, 42});
        Dataset all = standardize.apply(fitted, train);
        Dataset some = standardize.apply(fitted, view);
        for (int j = 0; j < 6; j++) {
            assertEquals(all.feature(5, j), some.feature(0, j));
            assertEquals(all.feature(42, j), some.feature(2, j));
        }
        assertEquals(train.label(42), some.label(2));

        Dataset reg = Dataset.regression("reg", new float[] {1, 10, 3, 30}, 2, 2, new float[] {7, 8}, 1, List.of());
        FittedTransform regFit = standardize.fit(reg, standardize.defaults(), null);
        Dataset regZ = standardize.apply(regFit, reg);
        assertArrayEquals(new float[] {-1, -1, 1, 1}, regZ.featureMatrix());
        assertEquals(8f, regZ.target(1, 0));
    }

    @Test
    void fittedTransformsOfAnotherComponentOrDamagedOnesAreRefused() {
        Dataset train = gaussian("train", 50, 13, 0);
        FittedTransform centred = center.fit(train, center.defaults(), null);
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> standardize.apply(centred, train));
        assertTrue(other.getMessage().contains("belongs to 'center'"), other.getMessage());

        State broken = centred.values().copy();
        broken.array("mean")[1] = Double.NaN;
        FittedTransform damaged = new FittedTransform("center", Map.of(), 6, 6, broken, "");
        assertThrows(IllegalArgumentException.class, () -> center.apply(damaged, train));
        State missing = new State().putArray("mean", new double[6]);
        assertThrows(IllegalArgumentException.class,
                () -> center.apply(new FittedTransform("center", Map.of(), 6, 6, missing, ""), train));
    }

    @Test
    void emptyTrainingSetAndBadTargetsAreRefused() {
        Dataset empty = Dataset.classification("empty", new float[0], 0, 3, new int[0], List.of("a"), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> standardize.fit(empty, standardize.defaults(), null));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
        assertThrows(InvalidSettingException.class, () -> standardize.settings(Map.of("target", "0")));
        assertThrows(InvalidSettingException.class, () -> scale.settings(Map.of("target", "-1")));
        assertThrows(InvalidSettingException.class, () -> center.settings(Map.of("target", "1")));
    }

    @Test
    void longListsOfConstantFeaturesAreShortenedInTheReport() {
        int d = 30;
        float[] x = new float[2 * d];
        x[0] = 1; // only feature 0 varies
        Dataset wide = Dataset.classification("wide", x, 2, d, new int[] {0, 0}, List.of("a"), List.of());
        String report = standardize.fit(wide, standardize.defaults(), null).report();
        assertTrue(report.contains("features 1, 2, 3,"), report);
        assertTrue(report.contains("... (29 in all) have zero variance"), report);
    }
}
