package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Swaps, pauses and missing components during a background run. */
class SessionSwapTest {

    private final TestCatalog catalog = TestCatalog.standard();
    private final Session session = new Session(catalog.index(), new TestComponents.SimpleSplitter());
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final TrainingListener listener = new TrainingListener() {
        @Override
        public void epochFinished(EpochReport report) {
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }
    };

    SessionSwapTest() throws DataFormatException {
        session.loadData("blobs", Map.of());
        session.split(Map.of("train", "0.7", "test", "0.3"));
        session.createNetwork("in-6-out", Map.of());
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** Polls a condition for up to 10 s: the run is on another thread, and no timing is asserted. */
    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aMissingOptimizerPausesTheRunWhichResumesWithTheSameWeightsWhenItIsBack() throws Exception {
        Future<List<EpochReport>> run = session.trainInBackground(100_000, Map.of("eval", "none"), listener);
        await("training", () -> session.status().step() > 10);
        catalog.remove(ComponentKind.OPTIMIZER, "sgd");
        await("paused", () -> session.status().state().startsWith("paused"));
        assertTrue(session.status().state().contains("no optimizer named 'sgd'"), session.status().state());
        long pausedAt = session.status().step();
        double[] weights = session.weights();
        Thread.sleep(100);
        assertEquals(pausedAt, session.status().step(), "a paused run takes no steps");
        assertArrayEquals(weights, session.weights(), "a paused run keeps its weights");

        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.GradientDescent());
        await("resumed", () -> session.status().step() > pausedAt);
        assertTrue(session.stop());
        run.get(10, TimeUnit.SECONDS);
        List<String> kinds = session.history().stream().map(SessionEvent::kind).toList();
        assertTrue(kinds.contains("pause") && kinds.contains("resume"), kinds.toString());
        SessionEvent resume = session.history().stream().filter(e -> e.kind().equals("resume")).findFirst().orElseThrow();
        assertEquals(pausedAt, resume.step(), "resumes from the step it paused at");
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("paused at step " + pausedAt)), messages.toString());
    }

    @Test
    void choosingAnotherOptimizerEndsAPauseForAMissingOne() throws Exception {
        Future<List<EpochReport>> run = session.trainInBackground(100_000, Map.of("eval", "none"), listener);
        await("training", () -> session.status().step() > 10);
        catalog.remove(ComponentKind.OPTIMIZER, "sgd");
        await("paused", () -> session.status().state().startsWith("paused"));
        long pausedAt = session.status().step();
        String answer = session.use(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.001"));
        assertTrue(answer.startsWith("optimizer momentum"), answer);
        await("resumed", () -> session.status().step() > pausedAt);
        session.stop();
        run.get(10, TimeUnit.SECONDS);
    }

    @Test
    void userPauseAndResume() throws Exception {
        Future<List<EpochReport>> run = session.trainInBackground(100_000, Map.of("eval", "none"), listener);
        await("training", () -> session.status().step() > 10);
        assertTrue(session.pause());
        await("paused", () -> session.status().state().startsWith("paused"));
        long pausedAt = session.status().step();
        Thread.sleep(50);
        assertEquals(pausedAt, session.status().step());
        assertTrue(session.resume().startsWith("resuming"));
        await("resumed", () -> session.status().step() > pausedAt);
        session.stop();
        run.get(10, TimeUnit.SECONDS);
        assertFalse(session.stop(), "nothing to stop after the run");
    }

    @Test
    void aRefusedSwapChangesNothingAndIsInTheHistory() throws Exception {
        Future<List<EpochReport>> run = session.trainInBackground(100_000, Map.of("eval", "none"), listener);
        await("training", () -> session.status().step() > 10);
        assertThrows(IllegalArgumentException.class, () -> session.use(ComponentKind.COMPUTE, "gone", Map.of()));
        assertEquals("training", session.status().state());
        session.stop();
        run.get(10, TimeUnit.SECONDS);
        assertTrue(session.history().stream().anyMatch(e -> e.kind().equals("refused")
                && e.text().contains("no compute named 'gone'")), session.history().toString());
    }

    @Test
    void activationSwapKeepsTheWeightsAndChecksTheCoding() throws Exception {
        double[] before = session.weights();
        String answer = session.use(ComponentKind.ACTIVATION, "tanh", Map.of());
        assertTrue(answer.startsWith("activation tanh on the hidden layer; weights kept"), answer);
        assertArrayEquals(before, session.weights());
        assertTrue(session.status().network().contains("tanh/scaled-tanh"), session.status().network());
        // pm1 targets (-1/1) lie on tanh's asymptotes: refused, nothing changed
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> session.use(ComponentKind.ACTIVATION, "tanh", Map.of("layer", "output")));
        assertTrue(e.getMessage().contains("pm1"), e.getMessage());
        assertTrue(session.status().network().contains("tanh/scaled-tanh"), session.status().network());
        assertThrows(IllegalArgumentException.class,
                () -> session.use(ComponentKind.ACTIVATION, "softmax", Map.of("layer", "hidden")));
        session.train(1, Map.of("eval", "none"), null);
    }
}
