package org.ebp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Components swapped and bundles coming and going while a session trains, in a real Felix with the
 * real bundles: swaps at step boundaries, a paused run when the optimizer's bundle is uninstalled,
 * and the shell's background-training commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {

    /** digits, 80% train: 1437 examples, so batch=10 gives 144 steps per epoch. */
    private static final int BATCH = 10;
    private static final int STEPS_PER_EPOCH = 144;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
    }

    private TrainingSession freshDigitsSession() throws Exception {
        Workbench workbench = Services.await(context, Workbench.class);
        awaitTrue("the sgd optimizer is registered", () -> hasComponent(workbench, ComponentKind.OPTIMIZER, "adam"));
        TrainingSession session = workbench.newSession();
        session.loadData("digits", Map.of());
        session.split(Map.of("train", "0.8", "test", "0.2", "seed", "1"));
        session.fitTransform("standardize", Map.of());
        session.createNetwork("in-30-out", Map.of("seed", "1"));
        return session;
    }

    private static boolean hasComponent(Workbench workbench, ComponentKind kind, String name) {
        return workbench.catalog().list(kind).stream().anyMatch(e -> e.name().equals(name));
    }

    /** Polls for up to 30 s: components and runs live on other threads. No duration is asserted. */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    private static final class Recorder implements TrainingListener {
        final List<EpochReport> reports = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void epochFinished(EpochReport report) {
            reports.add(report);
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }
    }

    @Test
    public void hundredOptimizerSwapsDuringOneRun() throws Exception {
        TrainingSession session = freshDigitsSession();
        session.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.01"));
        Recorder recorder = new Recorder();
        int epochs = 60; // long enough for 100 swaps however fast the steps are
        Future<List<EpochReport>> run = session.trainInBackground(epochs, Map.of("batch", "" + BATCH), recorder);
        // first-order optimizers whose state names overlap (velocity, m, v) or not at all
        List<Map.Entry<String, Map<String, String>>> choices = List.of(
                Map.entry("momentum", Map.of("lr", "0.01", "mu", "0.9")),
                Map.entry("nesterov", Map.of("lr", "0.01", "mu", "0.9")),
                Map.entry("adam", Map.of("lr", "0.001")),
                Map.entry("rmsprop", Map.of("lr", "0.001")),
                Map.entry("sgd", Map.of("lr", "0.02")));
        int swaps = 0;
        List<String> answers = new ArrayList<>();
        while (swaps < 100) {
            long before = session.status().step();
            while (session.status().step() <= before && !run.isDone()) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000); // at least one step between two swaps
            }
            assertFalse("the run ended after only " + swaps + " swaps; train longer", run.isDone());
            Map.Entry<String, Map<String, String>> choice = choices.get(swaps % choices.size());
            answers.add(session.use(ComponentKind.OPTIMIZER, choice.getKey(), choice.getValue()));
            swaps++;
        }
        List<EpochReport> reports = run.get(5, TimeUnit.MINUTES);
        assertEquals(epochs, reports.size());
        for (EpochReport r : reports) {
            // no step lost or repeated: every epoch ends exactly where its steps say
            assertEquals("steps at the end of epoch " + r.epoch(), (long) r.epoch() * STEPS_PER_EPOCH, r.step());
            assertTrue("finite loss in epoch " + r.epoch(), Double.isFinite(r.trainLoss()));
        }
        double first = reports.get(0).trainLoss();
        double last = reports.get(reports.size() - 1).trainLoss();
        assertTrue("loss decreases overall: " + first + " -> " + last, last < 0.7 * first);
        assertTrue("test accuracy after the swaps: " + reports.get(reports.size() - 1).evalAccuracy(),
                reports.get(reports.size() - 1).evalAccuracy() > 0.85);
        List<SessionEvent> swapEvents = session.history().stream().filter(e -> e.kind().equals("swap")).toList();
        assertEquals(100, swapEvents.size());
        for (int i = 1; i < swapEvents.size(); i++) {
            assertTrue("swap steps increase", swapEvents.get(i).step() > swapEvents.get(i - 1).step());
        }
        assertTrue(answers.toString(), answers.stream().anyMatch(a -> a.contains("carried over")));
    }

    @Test
    public void uninstallingTheOptimizerBundlePausesAndReinstallingResumesWithTheSameWeights() throws Exception {
        TrainingSession session = freshDigitsSession();
        session.use(ComponentKind.OPTIMIZER, "adam", Map.of("lr", "0.001"));
        Recorder recorder = new Recorder();
        Future<List<EpochReport>> run = session.trainInBackground(100_000, Map.of("batch", "" + BATCH, "eval", "none"),
                recorder);
        awaitTrue("training runs", () -> session.status().step() > 50);

        Bundle optimizers = Bundles.named(context, "org.ebp.optim.first");
        String location = optimizers.getLocation();
        optimizers.uninstall();
        Bundles.refresh(context, optimizers);
        awaitTrue("the session pauses", () -> session.status().state().startsWith("paused"));
        String state = session.status().state();
        assertTrue(state, state.contains("is gone") && state.contains("resumes when it is back"));
        long pausedAt = session.status().step();
        double lossAtPause = session.evaluate("train").loss();
        Thread.sleep(300);
        assertEquals("a paused run takes no steps", pausedAt, session.status().step());
        assertEquals("a paused run keeps its weights", lossAtPause, session.evaluate("train").loss(), 0.0);
        assertFalse(run.isDone());
        assertTrue(recorder.messages.toString(),
                recorder.messages.stream().anyMatch(m -> m.startsWith("paused at step " + pausedAt)));

        Bundle reinstalled = context.installBundle(location);
        reinstalled.start();
        awaitTrue("the session resumes", () -> session.status().step() > pausedAt);
        SessionEvent resume = session.history().stream().filter(e -> e.kind().equals("resume")).findFirst().orElseThrow();
        assertEquals("resumed from the step it paused at", pausedAt, resume.step());
        assertTrue(session.history().toString(), session.history().stream().anyMatch(e -> e.kind().equals("update")
                && e.text().contains("'adam'") && e.text().contains("state was carried over")));
        assertTrue(session.stop());
        run.get(1, TimeUnit.MINUTES);
        assertTrue("still learning after the reinstall", session.evaluate("train").loss() < lossAtPause);
    }

    @Test
    public void updatingTheOptimizerBundleContinuesWithTheNewVersionAndTheState() throws Exception {
        TrainingSession session = freshDigitsSession();
        session.use(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.01"));
        Recorder recorder = new Recorder();
        Future<List<EpochReport>> run = session.trainInBackground(100_000, Map.of("batch", "" + BATCH, "eval", "none"),
                recorder);
        awaitTrue("training runs", () -> session.status().step() > 50);
        Bundle optimizers = Bundles.named(context, "org.ebp.optim.first");
        optimizers.update();
        Bundles.refresh(context, optimizers);
        long after = session.status().step();
        try {
            awaitTrue("training goes on after the update", () -> session.status().step() > after + 50);
        } catch (AssertionError e) {
            // seen once in a clean-clone CI run, not reproduced since: say where the run stood
            throw new AssertionError(e.getMessage() + "; state " + session.status().state() + ", step "
                    + session.status().step() + ", run done " + run.isDone() + ", messages " + recorder.messages
                    + ", history " + session.history(), e);
        }
        assertTrue(session.stop());
        run.get(1, TimeUnit.MINUTES);
        assertTrue(session.history().toString(), session.history().stream().anyMatch(e -> e.kind().equals("update")
                && e.text().contains("carried over")));
        assertTrue(session.status().components().get("optimizer").startsWith("momentum"));
    }

    @Test
    public void backgroundTrainingFromTheShell() throws Exception {
        freshDigitsSession();
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            String output = gogo.run(String.join("\n",
                    "net in-30-out output=softmax",
                    "train 200 batch=10 background=true",
                    "pause",
                    "resume",
                    "use optimizer adam lr=0.001",
                    "use activation tanh"));
            assertTrue(output, output.contains("in the background"));
            assertTrue(output, output.contains("optimizer adam lr=0.001"));
            assertTrue(output, output.contains("activation tanh on the hidden layer; weights kept"));
            // Levenberg-Marquardt needs squared error (refused on this cross-entropy net) or is not installed:
            // either way the shell says why and training goes on unchanged
            String refusal = refusal(gogo, "use optimizer lm");
            assertTrue(refusal, refusal.contains("lm"));
            refusal = refusal(gogo, "use compute gone");
            assertTrue(refusal, refusal.contains("no compute named 'gone'"));
            output = gogo.run(String.join("\n", "status", "history", "stop", "wait"));
            assertTrue(output, output.contains("swap"));
            assertTrue(output, output.contains("refused"));
            assertTrue(output, output.contains("trained"));
        }
    }

    private static String refusal(GogoScriptSession gogo, String command) {
        try {
            gogo.execute(command);
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError(command + " was accepted");
    }
}
