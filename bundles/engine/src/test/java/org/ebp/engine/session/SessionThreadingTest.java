package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls from other threads while a session trains. */
class SessionThreadingTest {

    private final Session session = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());

    SessionThreadingTest() throws DataFormatException {
        session.loadData("blobs", Map.of());
        session.split(Map.of("train", "0.7", "test", "0.3"));
        session.createNetwork("in-6-out", Map.of());
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void callsDuringTrainingSeeATrainingSessionAndMutationsAreRefused() {
        List<String> seen = new ArrayList<>();
        TrainingListener listener = report -> {
            SessionStatus status = session.status();
            seen.add(status.state() + " " + status.epoch());
            try {
                session.createNetwork("in-3-out", Map.of());
                seen.add("createNetwork accepted");
            } catch (IllegalStateException e) {
                seen.add(e.getMessage());
            }
            try {
                session.train(1, Map.of(), null);
                seen.add("nested train accepted");
            } catch (IllegalStateException e) {
                seen.add(e.getMessage());
            }
        };
        session.train(1, Map.of(), listener);
        assertEquals(List.of("training 1",
                "training is running; wait until it finishes before you create a network",
                "training is running; wait until it finishes before you start another training run"), seen);
        assertEquals("idle", session.status().state());
    }

    @Test
    void statusAndEvaluateFromAnotherThreadRunBetweenSteps() throws Exception {
        CompletableFuture<List<EpochReport>> run = CompletableFuture.supplyAsync(() -> session.train(40, Map.of(), null));
        List<Long> steps = new ArrayList<>();
        while (!run.isDone()) {
            SessionStatus status = session.status();
            Evaluation e = session.evaluate("test");
            assertEquals(90, e.examples());
            assertTrue(Double.isFinite(e.loss()));
            steps.add(status.step());
        }
        List<EpochReport> reports = run.get();
        assertEquals(40, reports.size());
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i) >= steps.get(i - 1), "steps must never go back: " + steps);
        }
        assertEquals(40 * 210, session.status().step());
    }

    @Test
    void interruptingTheCallerStopsAtAStepBoundaryAndKeepsTheWeights() {
        Thread caller = Thread.currentThread();
        List<String> messages = new CopyOnWriteArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochFinished(EpochReport report) {
                if (report.epoch() == 1) {
                    caller.interrupt();
                }
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        List<EpochReport> reports = session.train(1000, Map.of(), listener);
        assertTrue(Thread.interrupted(), "the caller's interrupt flag is restored");
        assertTrue(reports.size() < 1000, "training should stop early");
        assertEquals(reports.size(), session.status().epoch());
        assertEquals("idle", session.status().state());
        assertTrue(messages.isEmpty() || messages.get(messages.size() - 1).contains("(stop requested)"), messages.toString());
        // the session trains again afterwards
        assertEquals(1, session.train(1, Map.of(), null).size());
    }

    @Test
    void optimizerChosenFromAnotherThreadDuringTrainingTakesEffectFromTheNextStep() throws Exception {
        java.util.concurrent.CountDownLatch firstEpochDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch swapped = new java.util.concurrent.CountDownLatch(1);
        TrainingListener listener = report -> {
            if (report.epoch() == 1) {
                firstEpochDone.countDown();
                try {
                    swapped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<List<EpochReport>> run = CompletableFuture.supplyAsync(
                () -> session.train(3, Map.of("eval", "none"), listener));
        firstEpochDone.await();
        assertEquals("training", session.status().state());
        String answer = session.use(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.001"));
        swapped.countDown();
        assertEquals("optimizer momentum lr=0.001 mu=0.9; re-initialised: velocity", answer);
        List<EpochReport> reports = run.get();
        assertEquals(0.01, reports.get(0).learningRate());
        assertEquals(0.001, reports.get(1).learningRate());
        assertEquals(0.001, reports.get(2).learningRate());
    }
}
