package org.ebp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.inject.Inject;
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
 * The soak test of issue 12: during one training run, 1,000 component swaps and 100
 * update/stop-start/uninstall-install cycles across every component bundle. No exception, the
 * same workbench service and session throughout, no thread leak, the heap back to its level after
 * a GC, and the run's steps continuous (every finished epoch ends exactly where its steps say).
 * The figures are printed (target/failsafe-reports/org.ebp.itests.SoakIT-output.txt).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SoakIT {

    private static final int SWAPS = 1000;
    private static final int CYCLES = 100;
    /** digits, 80% train: 1437 examples, so batch=10 gives 144 steps per epoch. */
    private static final int BATCH = 10;
    private static final int STEPS_PER_EPOCH = 144;
    /**
     * Heap growth allowed after a GC: the run's history and record grow by a few hundred bytes per
     * swap and cycle (about 1 MB for all of them); anything leaking a bundle's data (digits is
     * 0.5 MB, a transformed copy more) 100 times would exceed this.
     */
    private static final long HEAP_SLACK_BYTES = 16L << 20;

    private static final List<String> BUNDLES = List.of("org.ebp.data", "org.ebp.transforms", "org.ebp.activations",
            "org.ebp.initializers", "org.ebp.samplers", "org.ebp.optim.first", "org.ebp.optim.second",
            "org.ebp.compute.jblas");

    /** Swaps rotate through every kind a running session can swap. */
    private static final List<Swap> SWAP_CYCLE = List.of(
            new Swap(ComponentKind.OPTIMIZER, "momentum", Map.of("lr", "0.01", "mu", "0.9")),
            new Swap(ComponentKind.ACTIVATION, "scaled-tanh", Map.of()),
            new Swap(ComponentKind.OPTIMIZER, "adam", Map.of("lr", "0.001")),
            new Swap(ComponentKind.SAMPLER, "class-interleave", Map.of()),
            new Swap(ComponentKind.COMPUTE, "java", Map.of()),
            new Swap(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.01")),
            new Swap(ComponentKind.ACTIVATION, "tanh", Map.of()),
            new Swap(ComponentKind.SCHEDULE, "constant", Map.of()),
            new Swap(ComponentKind.SAMPLER, "shuffle", Map.of()),
            new Swap(ComponentKind.COMPUTE, "jblas", Map.of()));

    private record Swap(ComponentKind kind, String name, Map<String, String> settings) {
    }

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
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
    public void thousandSwapsAndHundredBundleCyclesDuringOneRun() throws Exception {
        Workbench workbench = Services.await(context, Workbench.class);
        HotSwapIT.awaitTrue("the components are registered", () -> allComponentsPresent(workbench));
        TrainingSession session = workbench.newSession();
        session.loadData("digits", Map.of());
        session.split(Map.of("train", "0.8", "test", "0.2", "seed", "1"));
        session.fitTransform("standardize", Map.of());
        session.createNetwork("in-30-out", Map.of("activation", "tanh", "output", "softmax", "seed", "1"));
        session.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.01"));
        // warm up: the session's thread exists and the classes of a run are loaded before the "before" figures
        session.train(1, Map.of("batch", "" + BATCH, "eval", "none"), null);
        int threadsBefore = threads();
        long heapBefore = heapAfterGc();

        Recorder recorder = new Recorder();
        Future<List<EpochReport>> run = session.trainInBackground(1_000_000, Map.of("batch", "" + BATCH, "eval", "none"),
                recorder);
        long started = System.nanoTime();
        int swaps = 0;
        int cycles = 0;
        while (cycles < CYCLES) {
            cycle(cycles);
            cycles++;
            HotSwapIT.awaitTrue("the components are back after cycle " + cycles, () -> allComponentsPresent(workbench));
            assertSame("the workbench service was not re-created", workbench, Services.await(context, Workbench.class));
            assertSame("the session was not replaced", session, workbench.session());
            HotSwapIT.awaitTrue("training goes on after cycle " + cycles + " (" + session.status().state() + ")",
                    () -> session.status().state().equals("training"));
            for (int i = 0; i < SWAPS / CYCLES; i++) {
                long before = session.status().step();
                while (session.status().step() <= before && !run.isDone()) {
                    LockSupport.parkNanos(100_000); // at least one step between two swaps
                }
                assertFalse("the run ended after " + swaps + " swaps: " + recorder.messages, run.isDone());
                Swap swap = SWAP_CYCLE.get(swaps % SWAP_CYCLE.size());
                session.use(swap.kind(), swap.name(), swap.settings());
                swaps++;
            }
        }
        long stepAtStop = session.status().step();
        assertTrue(session.stop());
        List<EpochReport> reports = run.get(2, TimeUnit.MINUTES); // throws if the run failed
        double seconds = (System.nanoTime() - started) / 1e9;

        int threadsAfter = settledThreads(threadsBefore);
        long heapAfter = heapAfterGc();
        System.out.printf("SOAK swaps=%d cycles=%d epochs=%d steps=%d seconds=%.1f threads before=%d after=%d "
                        + "heap before=%.1f MB after=%.1f MB%n", swaps, cycles, reports.size(), stepAtStop, seconds,
                threadsBefore, threadsAfter, heapBefore / 1048576.0, heapAfter / 1048576.0);

        assertEquals(SWAPS, swaps);
        assertEquals(CYCLES, cycles);
        assertTrue("epochs finished: " + reports.size(), reports.size() >= 1);
        for (int i = 0; i < reports.size(); i++) {
            EpochReport r = reports.get(i);
            long expected = (long) (r.epoch()) * STEPS_PER_EPOCH;
            if (i < reports.size() - 1) {
                assertEquals("steps at the end of epoch " + r.epoch() + " (continuous: none lost or repeated)", expected, r.step());
            } else {
                // a stop that lands exactly on an epoch boundary reports the next epoch with no step of its own
                assertTrue("the stopped epoch ends within its steps: step " + r.step() + " of epoch " + r.epoch(),
                        r.step() <= expected && r.step() >= expected - STEPS_PER_EPOCH);
            }
            assertEquals("epochs follow one another", reports.get(0).epoch() + i, r.epoch());
            assertTrue("finite loss in epoch " + r.epoch(), Double.isFinite(r.trainLoss()));
        }
        List<SessionEvent> history = session.history();
        assertEquals(SWAPS, history.stream().filter(e -> e.kind().equals("swap")).count());
        assertFalse(history.toString(), history.stream().anyMatch(e -> e.kind().equals("refused")));
        assertTrue("accuracy after the soak: " + session.evaluate("test").accuracy(), session.evaluate("test").accuracy() > 0.8);
        assertTrue("threads before " + threadsBefore + ", after " + threadsAfter, threadsAfter <= threadsBefore);
        assertTrue("heap after a GC: before " + heapBefore + ", after " + heapAfter, heapAfter <= heapBefore + HEAP_SLACK_BYTES);
    }

    private static boolean allComponentsPresent(Workbench workbench) {
        for (Swap s : SWAP_CYCLE) {
            if (workbench.catalog().list(s.kind()).stream().noneMatch(e -> e.name().equals(s.name()))) {
                return false;
            }
        }
        return true;
    }

    /** Cycle n: bundle n mod 8, by turns updated, stopped and started, or uninstalled and installed again. */
    private void cycle(int n) throws Exception {
        Bundle bundle = Bundles.named(context, BUNDLES.get(n % BUNDLES.size()));
        switch ((n / BUNDLES.size()) % 3) {
            case 0 -> {
                bundle.update();
                Bundles.refresh(context, bundle);
            }
            case 1 -> {
                bundle.stop();
                bundle.start();
            }
            default -> {
                String location = bundle.getLocation();
                bundle.uninstall();
                Bundles.refresh(context, bundle);
                context.installBundle(location).start();
            }
        }
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** The thread count once the framework's short-lived threads (refresh, DS) are done: up to 10 s. */
    private static int settledThreads(int target) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int count = threads();
        while (count > target && System.nanoTime() < deadline) {
            Thread.sleep(100);
            count = threads();
        }
        return count;
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
