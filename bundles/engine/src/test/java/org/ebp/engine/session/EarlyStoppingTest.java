package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** train patience=N monitor=SPLIT: stops after N epochs without improvement and keeps the best epoch's weights. */
class EarlyStoppingTest {

    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.forEach(Session::close);
    }

    private static EpochReport epoch(int n) {
        return new EpochReport(n, n * 10L, 1, "validation", Double.NaN, Double.NaN, 0.1, 0.01);
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() {
        EarlyStopping early = new EarlyStopping(new EarlyStopping.Rule(3, "validation"));
        double[] losses = {5, 4, 3, 3.5, 3.2, 3.1};
        double[] weights = new double[2];
        List<Boolean> stops = new ArrayList<>();
        for (int e = 1; e <= losses.length; e++) {
            weights[0] = e; // the weights of epoch e
            weights[1] = -e;
            stops.add(early.afterEpoch(epoch(e), losses[e - 1], weights));
        }
        assertEquals(List.of(false, false, false, false, false, true), stops, "3 epochs (4, 5, 6) without a loss below 3");
        String note = early.restoreBest(weights, 6, true);
        assertArrayEquals(new double[] {3, -3}, weights, "the weights of epoch 3");
        assertEquals("early stop after epoch 6: validation loss has not improved for 3 epochs; weights restored to epoch 3 "
                + "(validation loss 3)", note);
    }

    @Test
    void anEqualLossIsNoImprovementAndTheLastBestEpochKeepsItsWeights() {
        EarlyStopping early = new EarlyStopping(new EarlyStopping.Rule(1, "train"));
        double[] w = {1};
        assertFalse(early.afterEpoch(epoch(1), 2, w));
        w[0] = 2;
        assertTrue(early.afterEpoch(epoch(2), 2, w));
        early.restoreBest(w, 2, true);
        assertArrayEquals(new double[] {1}, w);
        EarlyStopping improving = new EarlyStopping(new EarlyStopping.Rule(5, "train"));
        improving.afterEpoch(epoch(1), 2, w);
        assertEquals("the last epoch 1 is the best (train loss 2); weights kept", improving.restoreBest(w, 1, false));
    }

    private Session prepared() throws DataFormatException {
        Session s = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());
        sessions.add(s);
        s.loadData("blobs", Map.of());
        s.split(map("train=0.6", "validation=0.2", "test=0.2"));
        s.createNetwork("in-8-out", map("seed=2"));
        return s;
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    @Test
    void aSessionEndsWithTheWeightsOfItsBestValidationEpoch() throws DataFormatException {
        Session s = prepared();
        // a rate far too large for this net: the validation loss jumps about instead of falling
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.3"));
        RunRecordsTest.Listener listener = new RunRecordsTest.Listener();
        List<EpochReport> reports = s.train(40, map("patience=3", "eval=validation"), listener);
        double best = reports.stream().mapToDouble(EpochReport::evalLoss).min().orElseThrow();
        int bestEpoch = reports.stream().filter(r -> r.evalLoss() == best).findFirst().orElseThrow().epoch();
        assertEquals(best, s.evaluate("validation").loss(), "the network is the best epoch's, to the last bit");
        String last = listener.messages.get(listener.messages.size() - 1);
        if (reports.size() < 40) {
            assertEquals(bestEpoch + 3, reports.get(reports.size() - 1).epoch(), "stopped 3 epochs after the best");
            assertEquals("early stop after epoch " + (bestEpoch + 3) + ": validation loss has not improved for 3 epochs; "
                    + "weights restored to epoch " + bestEpoch + " (validation loss " + Formats.number(best) + ")", last);
        } else {
            assertTrue(last.contains("epoch " + bestEpoch), last);
        }
        assertTrue(reports.size() < 40, "lr=0.3 on blobs should stop early; epochs: " + reports.size());
    }

    @Test
    void aMissingMonitoredSplitIsRefusedBeforeTraining() throws DataFormatException {
        Session s = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());
        sessions.add(s);
        s.loadData("blobs", Map.of());
        s.split(map("train=0.7", "test=0.3"));
        s.createNetwork("in-8-out", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.train(3, map("patience=2"), null));
        assertEquals("early stopping monitors the loss on 'validation' but the data has the splits [train, test]; split off "
                + "one, e.g. data split train=0.7 validation=0.15 test=0.15, or give monitor=train|SPLIT", e.getMessage());
        assertEquals(0, s.status().epoch(), "nothing ran");
    }
}
