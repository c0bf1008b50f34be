package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.HessianTools;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's Hessian tools and RBF networks, through the session's public methods. */
class SessionHessianAndRbfTest {

    private final Session session = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());

    @AfterEach
    void close() {
        session.close();
    }

    private void prepare(String spec, Map<String, String> net) throws DataFormatException {
        session.loadData("blobs", Map.of());
        session.split(Map.of("train", "0.7", "test", "0.3"));
        session.createNetwork(spec, net);
    }

    @Test
    void largestEigenvalueByThePowerMethodAndBadSettingsChangeNothing() throws DataFormatException {
        prepare("in-6-out", Map.of());
        double[] before = session.weights();
        HessianTools.Spectrum s = session.largestEigenvalue(Map.of("examples", "50", "tolerance", "1e-9"));
        assertEquals("power", s.method());
        assertEquals("train", s.split());
        assertEquals(50, s.examples());
        assertTrue(s.eigenvalues()[0] > 0, "lambda_max " + s.eigenvalues()[0]);
        // the finite-difference products give the same value to their O(h^2) accuracy
        HessianTools.Spectrum fd = session.largestEigenvalue(Map.of("examples", "50", "tolerance", "1e-9",
                "products", "finite-difference"));
        assertEquals(s.eigenvalues()[0], fd.eigenvalues()[0], 1e-4 * s.eigenvalues()[0]);
        InvalidSettingException bad = assertThrows(InvalidSettingException.class,
                () -> session.largestEigenvalue(Map.of("method", "guess")));
        assertTrue(bad.getMessage().contains("method=guess"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> session.spectrum(Map.of("split", "nowhere")));
        assertArrayEquals(before, session.weights(), "analyses leave the weights alone");
    }

    /** The eigen-decompositions of the exact and Lanczos methods need a real provider: the pure-Java one. */
    private void prepareWithEigenSolver(String spec) throws DataFormatException {
        TestCatalog catalog = TestCatalog.standard();
        catalog.add(org.ebp.api.component.ComponentKind.COMPUTE, new org.ebp.compute.jblas.PureJavaCompute(), 10);
        session.close();
        eigenSession = new Session(catalog.index(), new TestComponents.SimpleSplitter());
        eigenSession.loadData("blobs", Map.of());
        eigenSession.split(Map.of("train", "0.7", "test", "0.3"));
        eigenSession.createNetwork(spec, Map.of());
    }

    private Session eigenSession;

    @AfterEach
    void closeEigenSession() {
        if (eigenSession != null) {
            eigenSession.close();
        }
    }

    @Test
    void theBothEndsOfThePowerMethodAgreeWithTheExactSpectrum() throws DataFormatException {
        prepareWithEigenSolver("in-6-out");
        Session session = eigenSession;
        HessianTools.Spectrum exact = session.largestEigenvalue(Map.of("examples", "50", "method", "exact"));
        HessianTools.Spectrum power = session.largestEigenvalue(Map.of("examples", "50", "tolerance", "1e-12",
                "iterations", "100000"));
        assertEquals(2, power.eigenvalues().length, "lambda_max and lambda_min");
        assertEquals(exact.eigenvalues()[0], power.eigenvalues()[0], 1e-5 * Math.abs(exact.eigenvalues()[0]));
        assertEquals(exact.eigenvalues()[1], power.eigenvalues()[1], 1e-3 * Math.abs(exact.eigenvalues()[0]));
    }

    @Test
    void kIsCappedWithANote() throws DataFormatException {
        prepareWithEigenSolver("in-6-out");
        Session session = eigenSession;
        int n = session.layout().size();
        HessianTools.Spectrum s = session.spectrum(Map.of("k", "100000", "examples", "20"));
        assertEquals(n, s.eigenvalues().length);
        assertTrue(s.note().startsWith("k=100000 capped at the " + n + " parameters; "), s.note());

        session.createNetwork("in-80-out", Map.of());
        int big = session.layout().size();
        assertTrue(big > SessionHessian.LANCZOS_K_LIMIT);
        HessianTools.Spectrum capped = session.spectrum(Map.of("k", "5000", "examples", "5", "steps", "210"));
        assertEquals(SessionHessian.LANCZOS_K_LIMIT, capped.eigenvalues().length);
        assertTrue(capped.note().startsWith("k=5000 capped at " + SessionHessian.LANCZOS_K_LIMIT
                + " (Lanczos costs about 9 k^2 n flops; method=exact gives all " + big + "); "), capped.note());
    }

    @Test
    void anRbfModelFileRestoresItsLayers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        prepare("in-rbf6-out", Map.of("output", "linear"));
        session.train(1, Map.of("batch", "10"), null);
        java.nio.file.Path file = dir.resolve("rbf.json");
        session.saveModel(file);
        double[] saved = session.weights();
        try (Session other = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter())) {
            other.loadData("blobs", Map.of());
            other.split(Map.of("train", "0.7", "test", "0.3"));
            other.loadModel(file);
            assertArrayEquals(saved, other.weights());
            assertEquals(session.evaluate("test").loss(), other.evaluate("test").loss(), 1e-12);
        }
    }

    @Test
    void rbfNetworkTrainsAndKeepsItsCentresUnlessTold() throws DataFormatException {
        prepare("in-rbf6-out", Map.of("output", "linear"));
        assertTrue(session.status().network().startsWith("4-"), session.status().network());
        double[] start = session.weights();
        List<EpochReport> reports = session.train(3, Map.of("batch", "10"), null);
        double[] after = session.weights();
        for (int i = 0; i < 6 * 4 + 6; i++) {
            assertEquals(start[i], after[i], 0.0, "centres and widths stay without rbf-train");
        }
        assertTrue(reports.get(2).trainLoss() < reports.get(0).trainLoss(), reports.toString());

        session.createNetwork("in-rbf6-out", Map.of("output", "linear", "rbf-train", "true"));
        double[] trainable = session.weights();
        session.train(2, Map.of("batch", "10"), null);
        double[] moved = session.weights();
        boolean changed = false;
        for (int i = 0; i < 6 * 4; i++) {
            changed |= trainable[i] != moved[i];
        }
        assertTrue(changed, "rbf-train=true trains the centres");
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> session.createNetwork("in-rbf6-out", Map.of("rbf-width", "-1")));
        assertTrue(width.getMessage().contains("rbf-width=-1"), width.getMessage());
    }
}
