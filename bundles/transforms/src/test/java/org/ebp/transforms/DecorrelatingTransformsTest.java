package org.ebp.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.data.Dataset;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.FittedTransform;
import org.ebp.compute.jblas.PureJavaCompute;
import org.junit.jupiter.api.Test;

/**
 * PCA and whitening against reference values computed with numpy 2.4 ({@code numpy.linalg.eigh}
 * on the 1/P covariance, components sorted by descending eigenvalue, each signed so that its
 * largest entry is positive) on the 12 x 4 set below, whose feature 3 = feature 0 + 2 * feature 1.
 */
class DecorrelatingTransformsTest {

    /** Every value is a multiple of 0.25, exact in float and double, so both tools see the same data. */
    private static Dataset dependentSet() {
        int n = 12;
        float[] x = new float[n * 4];
        for (int i = 0; i < n; i++) {
            x[i * 4] = (i * 7 % 11) * 0.5f;
            x[i * 4 + 1] = ((i * i + 3) % 7) * 0.25f;
            x[i * 4 + 2] = ((i * 5 + 2) % 9) - 4;
            x[i * 4 + 3] = x[i * 4] + 2 * x[i * 4 + 1];
        }
        return Dataset.classification("dependent", x, n, 4, new int[n], List.of("a"), List.of());
    }

    private static final double[] NUMPY_EIGENVALUES = {1.0158215456583118e+01, 2.7334597528166533e+00, 3.7047756837800000e-01};
    private static final double[][] NUMPY_COMPONENTS = {
            {0.40139364101315955, 0.09434046196918378, 0.6941145654622914, 0.5900745649515271},
            {-0.6114311790802945, 0.10737280467521297, 0.6762126535585894, -0.3966855697298689},
            {-0.5462310788814686, 0.5593784867019391, -0.24686315476463033, 0.5725258945224128}};
    private static final double[] NUMPY_PCA_ROW0 = {-3.713447502588333, 0.986425506188801, 0.36244942886264836};
    private static final double[] NUMPY_PCA_ROW5 = {-5.066075621452407, -0.8596177986501476, -0.39585215277722025};
    private static final double[] NUMPY_WHITE_ROW0 = {-1.1651144234814197, 0.5966339352803491, 0.595479014542171};
    private static final double[] NUMPY_WHITE_ROW5 = {-1.5895088789831062, -0.519935004547119, -0.6503573493821222};

    /**
     * Jacobi and LAPACK both reach eigen-pairs to about 1e-15 relative on a well-separated 4 x 4
     * problem; 1e-10 leaves ample room. Outputs are stored as float (6e-8 relative), hence 1e-6.
     */
    private static final double EIGEN_TOLERANCE = 1e-10;
    private static final double FLOAT_TOLERANCE = 1e-6;

    private final PureJavaCompute compute = new PureJavaCompute();

    private static void assertRow(double[] expected, Dataset d, int row) {
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r], d.feature(row, r), FLOAT_TOLERANCE * Math.max(1, Math.abs(expected[r])), "row " + row + " component " + r);
        }
    }

    @Test
    void pcaMatchesNumpyAndDropsTheDependentDirection() {
        PcaTransform pca = new PcaTransform(null);
        Dataset train = dependentSet();
        FittedTransform fitted = pca.fit(train, pca.defaults(), compute);
        assertEquals(4, fitted.inputWidth());
        assertEquals(3, fitted.outputWidth(), "the direction with variance 1e-15 is dropped");
        double[] variance = fitted.values().array("variance");
        double[] components = fitted.values().array("components");
        for (int r = 0; r < 3; r++) {
            assertEquals(NUMPY_EIGENVALUES[r], variance[r], EIGEN_TOLERANCE * NUMPY_EIGENVALUES[0]);
            for (int j = 0; j < 4; j++) {
                assertEquals(NUMPY_COMPONENTS[r][j], components[r * 4 + j], EIGEN_TOLERANCE, "component " + r + ", entry " + j);
            }
            assertEquals(1.0, fitted.values().array("scale")[r]);
        }
        assertTrue(fitted.report().contains("1 of 4 directions have variance below"), fitted.report());
        Dataset z = pca.apply(fitted, train);
        assertEquals(List.of("pc1", "pc2", "pc3"), z.featureNames());
        assertRow(NUMPY_PCA_ROW0, z, 0);
        assertRow(NUMPY_PCA_ROW5, z, 5);
    }

    @Test
    void whitenMatchesNumpyAndHasIdentityCovariance() {
        WhitenTransform whiten = new WhitenTransform(null);
        Dataset train = dependentSet();
        Dataset z = whiten.apply(whiten.fit(train, whiten.defaults(), compute), train);
        assertRow(NUMPY_WHITE_ROW0, z, 0);
        assertRow(NUMPY_WHITE_ROW5, z, 5);
        double[][] c = covariance(z);
        for (int r = 0; r < 3; r++) {
            for (int s = 0; s < 3; s++) {
                assertEquals(r == s ? 1 : 0, c[r][s], 10 * FLOAT_TOLERANCE, "covariance " + r + "," + s);
            }
        }
    }

    @Test
    void whitenTargetSetsTheComponentCovariance() {
        WhitenTransform whiten = new WhitenTransform(null);
        Dataset train = dependentSet();
        Dataset z = whiten.apply(whiten.fit(train, whiten.settings(Map.of("target", "2.5")), compute), train);
        double[][] c = covariance(z);
        for (int r = 0; r < 3; r++) {
            assertEquals(2.5, c[r][r], 2.5 * 10 * FLOAT_TOLERANCE);
        }
    }

    @Test
    void pcaComponentsAreUncorrelatedWithTheEigenvaluesAsVariances() {
        PcaTransform pca = new PcaTransform(null);
        Dataset train = correlatedSet(500, 21);
        FittedTransform fitted = pca.fit(train, pca.defaults(), compute);
        double[][] c = covariance(pca.apply(fitted, train));
        double[] lambda = fitted.values().array("variance");
        for (int r = 0; r < c.length; r++) {
            for (int s = 0; s < c.length; s++) {
                assertEquals(r == s ? lambda[r] : 0, c[r][s], 10 * FLOAT_TOLERANCE * lambda[0], "covariance " + r + "," + s);
            }
        }
    }

    @Test
    void varianceAndComponentsSettingsReduceTheDimension() {
        PcaTransform pca = new PcaTransform(null);
        Dataset train = dependentSet();
        // numpy: the first two components explain 97.2% of the variance.
        assertEquals(2, pca.fit(train, pca.settings(Map.of("variance", "0.95")), compute).outputWidth());
        assertEquals(3, pca.fit(train, pca.settings(Map.of("variance", "0.98")), compute).outputWidth());
        FittedTransform one = pca.fit(train, pca.settings(Map.of("components", "1")), compute);
        assertEquals(1, one.outputWidth());
        assertTrue(one.report().contains("4 features -> 1 components"), one.report());
        assertEquals(1, pca.apply(one, train).features());
    }

    @Test
    void applyWithABoundComputeServiceEqualsThePlainJavaPath() {
        Dataset train = correlatedSet(300, 22);
        PcaTransform unbound = new PcaTransform(null);
        FittedTransform fitted = unbound.fit(train, unbound.defaults(), compute);
        Dataset plain = unbound.apply(fitted, train);
        int[] dgemmCalls = {0};
        ComputeService bound = countingDgemm(new PureJavaCompute(), dgemmCalls);
        Dataset viaService = new PcaTransform(bound).apply(fitted, train);
        assertTrue(dgemmCalls[0] > 0, "the bound service did the product");
        float[] a = plain.featureMatrix();
        float[] b = viaService.featureMatrix();
        for (int i = 0; i < a.length; i++) {
            // Same sums in another order: equal to double rounding, then rounded to float.
            assertEquals(a[i], b[i], FLOAT_TOLERANCE * Math.max(1, Math.abs(a[i])));
        }
        // A set the transform was not fitted on gets the training rotation.
        Dataset other = correlatedSet(40, 23);
        assertEquals(40, unbound.apply(fitted, other).size());
    }

    @Test
    void withoutAnyComputeServiceFitExplainsWhatIsMissing() {
        PcaTransform pca = new PcaTransform(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pca.fit(dependentSet(), pca.defaults(), null));
        assertTrue(e.getMessage().contains("needs a compute service"), e.getMessage());
        // The bound service is used when none is passed.
        assertEquals(3, new PcaTransform(compute).fit(dependentSet(), pca.defaults(), null).outputWidth());
    }

    @Test
    void widthMismatchAndConstantSetsAreRefused() {
        WhitenTransform whiten = new WhitenTransform(compute);
        FittedTransform fitted = whiten.fit(dependentSet(), whiten.defaults(), null);
        Dataset narrow = Dataset.classification("narrow", new float[] {1, 2}, 1, 2, new int[] {0}, List.of("a"), List.of());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> whiten.apply(fitted, narrow));
        assertEquals("transform 'whiten' was fitted on 4 features; this data has 2", width.getMessage());
        Dataset constant = Dataset.classification("flat", new float[] {3, 3, 3, 3}, 2, 2, new int[2], List.of("a"), List.of());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class, () -> whiten.fit(constant, whiten.defaults(), null));
        assertTrue(flat.getMessage().contains("every feature is constant"), flat.getMessage());
        FittedTransform pcaFit = new PcaTransform(compute).fit(dependentSet(), whiten.defaults(), null);
        assertThrows(IllegalArgumentException.class, () -> whiten.apply(pcaFit, dependentSet()));
    }

    /** Five features mixed from four independent sources (three signals and a little noise): one dependent direction. */
    private static Dataset correlatedSet(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 5];
        for (int i = 0; i < n; i++) {
            double s1 = random.nextDouble(-3, 3);
            double s2 = random.nextDouble(-1, 1);
            double s3 = random.nextDouble(-0.5, 0.5);
            x[i * 5] = (float) (s1 + 10);
            x[i * 5 + 1] = (float) (s1 + s2);
            x[i * 5 + 2] = (float) (s2 - 2 * s3);
            x[i * 5 + 3] = (float) (0.5 * s1 - s3);
            x[i * 5 + 4] = (float) (s3 + random.nextDouble(-0.1, 0.1));
        }
        return Dataset.classification("correlated", x, n, 5, new int[n], List.of("a"), List.of());
    }

    private static double[][] covariance(Dataset z) {
        int k = z.features();
        int n = z.size();
        double[] mean = new double[k];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                mean[r] += z.feature(i, r) / (double) n;
            }
        }
        double[][] c = new double[k][k];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < k; r++) {
                for (int s = 0; s < k; s++) {
                    c[r][s] += (z.feature(i, r) - mean[r]) * (z.feature(i, s) - mean[s]) / n;
                }
            }
        }
        return c;
    }

    @Test
    void meanIsStoredAndSubtracted() {
        PcaTransform pca = new PcaTransform(compute);
        FittedTransform fitted = pca.fit(dependentSet(), pca.defaults(), null);
        double[] mean = fitted.values().array("mean");
        assertEquals(4, mean.length);
        double[] zMean = new double[3];
        Dataset z = pca.apply(fitted, dependentSet());
        for (int i = 0; i < z.size(); i++) {
            for (int r = 0; r < 3; r++) {
                zMean[r] += z.feature(i, r) / z.size();
            }
        }
        assertArrayEquals(new double[3], zMean, 1e-6);
    }

    /** {@code real}, counting its {@code dgemm} calls in {@code calls[0]}: shows which service did a product. */
    private static ComputeService countingDgemm(ComputeService real, int[] calls) {
        return (ComputeService) Proxy.newProxyInstance(ComputeService.class.getClassLoader(),
                new Class<?>[] {ComputeService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("dgemm")) {
                        calls[0]++;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
