package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.Dataset;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.InputSpectrumStage;
import org.ebp.compute.jblas.PureJavaCompute;
import org.ebp.data.DigitsDataset;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.transforms.CenterTransform;
import org.ebp.transforms.PcaTransform;
import org.ebp.transforms.StandardizeTransform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What plots read from a session: every epoch's report, and the input spectrum at each transform. */
class SessionCurvesTest {

    private Session session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void epochsHoldEveryReportOfTheNetworkAcrossTrainCallsAndANewNetworkStartsAfresh() throws Exception {
        TestCatalog catalog = TestCatalog.standard();
        session = new Session(catalog.index(), new org.ebp.engine.testing.TestComponents.SimpleSplitter());
        session.loadData("blobs", Map.of());
        session.split(Map.of("train", "0.7", "test", "0.3"));
        session.createNetwork("in-6-out", Map.of());
        List<EpochReport> first = session.train(2, Map.of(), null);
        List<EpochReport> second = session.train(3, Map.of(), null);

        List<EpochReport> epochs = session.epochs();
        assertEquals(5, epochs.size());
        assertEquals(List.of(1, 2, 3, 4, 5), epochs.stream().map(EpochReport::epoch).toList());
        assertEquals(first.get(1), epochs.get(1));
        assertEquals(second.get(2), epochs.get(4));

        session.createNetwork("in-4-out", Map.of());
        assertEquals(List.of(), session.epochs(), "a new network's curve starts empty");
        assertNull(session.latestSpectrum(), "no spectrum computed for the new network");
    }

    @Test
    void inputSpectraShowEachTransformsEffectOnTheCovarianceEigenvalues() throws Exception {
        TestCatalog catalog = new TestCatalog();
        catalog.add(ComponentKind.COMPUTE, new PureJavaCompute(), 0);
        catalog.add(ComponentKind.DATASET, new DigitsDataset());
        catalog.add(ComponentKind.TRANSFORM, new CenterTransform());
        catalog.add(ComponentKind.TRANSFORM, new PcaTransform());
        catalog.add(ComponentKind.TRANSFORM, new StandardizeTransform());
        session = new Session(catalog.index(), new StratifiedSplitter());
        assertThrows(IllegalStateException.class, session::inputSpectra, "no data yet");
        // unsplit: the transforms are fitted on the whole set, which the test reads itself
        session.loadData("digits", Map.of());
        session.fitTransforms(List.of(Map.entry("center", Map.<String, String>of()),
                Map.entry("pca", Map.<String, String>of()), Map.entry("standardize", Map.<String, String>of())));

        List<InputSpectrumStage> stages = session.inputSpectra();
        assertEquals("as loaded", stages.get(0).stage());
        assertEquals(List.of("as", "center", "pca", "standardize"),
                stages.stream().map(s -> s.stage().split(" ")[0]).toList());
        InputSpectrumStage loaded = stages.get(0);
        assertEquals(64, loaded.features());
        // The eigenvalues' sum is the covariance's trace: the sum of the feature variances of the raw train split.
        DigitsDataset digits = new DigitsDataset();
        Dataset train = digits.load(digits.settings(Map.of()));
        double trace = 0;
        double[] row = new double[64];
        double[] sum = new double[64];
        double[] squares = new double[64];
        for (int i = 0; i < train.size(); i++) {
            train.copyRow(i, row, 0);
            for (int j = 0; j < 64; j++) {
                sum[j] += row[j];
                squares[j] += row[j] * row[j];
            }
        }
        int nonConstant = 0;
        for (int j = 0; j < 64; j++) {
            double mean = sum[j] / train.size();
            double variance = squares[j] / train.size() - mean * mean;
            trace += variance;
            nonConstant += variance > 1e-12 ? 1 : 0;
        }
        // pixel values are at most 16: sums of squares stay exact to ~1e-12 relative
        assertEquals(trace, total(loaded.eigenvalues()), 1e-9 * trace);
        for (int i = 1; i < 64; i++) {
            assertEquals(true, loaded.eigenvalues()[i - 1] >= loaded.eigenvalues()[i], "largest first");
        }
        // Centring moves the mean, not the covariance (section 1.4.3): the same eigenvalues, up to the
        // float32 storage of transformed sets (relative rounding 6e-8 per value).
        for (int i = 0; i < 64; i++) {
            assertEquals(loaded.eigenvalues()[i], stages.get(1).eigenvalues()[i], 1e-6 * loaded.eigenvalues()[0]);
        }
        // pca rotates onto the principal axes and drops the empty ones: the non-zero eigenvalues stay.
        InputSpectrumStage pca = stages.get(2);
        assertEquals(pca.nonZero(), pca.features());
        for (int i = 0; i < pca.features(); i++) {
            assertEquals(loaded.eigenvalues()[i], pca.eigenvalues()[i], 1e-6 * loaded.eigenvalues()[0]);
        }
        // standardize then gives every kept direction variance 1: the trace is the width.
        assertEquals(pca.features(), total(stages.get(3).eigenvalues()), 1e-6 * pca.features());
        assertEquals(true, nonConstant >= pca.features());
    }

    private static double total(double[] values) {
        double t = 0;
        for (double v : values) {
            t += v;
        }
        return t;
    }
}
