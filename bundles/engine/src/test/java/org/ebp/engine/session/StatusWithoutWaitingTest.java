package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.State;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionStatus;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * status and history only read, so they answer while the training thread holds the session's
 * lock (issue 12, item 7: status used to wait minutes behind an end-of-epoch evaluation). The
 * optimizer below blocks inside its 21st step, with the lock held, until the test releases it.
 */
class StatusWithoutWaitingTest {

    private final CountDownLatch inStep = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final TestCatalog catalog = TestCatalog.standard();
    private final Session session;

    StatusWithoutWaitingTest() {
        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.GradientDescent("blocking") {
            private int steps;

            @Override
            public StepResult step(double[] w, Objective objective, State state, StepContext context) {
                if (++steps == 21) {
                    inStep.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.step(w, objective, state, context);
            }
        });
        session = new Session(catalog.index(), new TestComponents.SimpleSplitter());
    }

    @AfterEach
    void close() {
        release.countDown();
        session.close();
    }

    @Test
    void statusAndHistoryAnswerWhileAStepHoldsTheLock() throws Exception {
        session.loadData("blobs", Map.of());
        session.createNetwork("in-4-out", Map.of("seed", "1"));
        session.use(ComponentKind.OPTIMIZER, "blocking", Map.of("lr", "0.05"));
        Future<List<EpochReport>> run = session.trainInBackground(1, Map.of("batch", "1", "eval", "none"), null);
        assertTrue(inStep.await(30, TimeUnit.SECONDS), "the run reached its blocking step");

        // asked from another thread, so that a status waiting for the lock shows as a timeout, not a hang
        SessionStatus status = CompletableFuture.supplyAsync(session::status).get(10, TimeUnit.SECONDS);
        assertEquals("training", status.state());
        assertEquals(20, status.step(), "the live step count: 20 steps done, the 21st in progress");
        assertTrue(status.components().get("optimizer").startsWith("blocking"), status.components().toString());
        assertTrue(status.dataset().startsWith("blobs"), status.dataset());
        assertTrue(CompletableFuture.supplyAsync(session::history).get(10, TimeUnit.SECONDS).stream()
                .anyMatch(e -> e.kind().equals("train")));

        release.countDown();
        assertEquals(1, run.get(30, TimeUnit.SECONDS).size());
        assertEquals("idle", session.status().state(), "a fresh status once the lock is free");
    }
}
