package org.ebp.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The swap benchmark of benchmarks/swap (a report, not a timed test): how long a training run
 * pauses for an optimizer swap, and that no step is lost. Online training (batch=1) on digits,
 * where a step takes tens of microseconds, so the cost of a swap is not hidden behind long steps.
 *
 * <p>Two measures: the latency of {@code use} from the calling thread (it waits for the step in
 * flight, then swaps under the session lock: an upper bound of the pause the training thread
 * sees), and the extra wall time of a run with swaps over the same run without, divided by the
 * number of swaps. Only the step counts are asserted; the figures go to
 * {@code target/swap-benchmark.txt} and the test log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwapBenchmarkIT {

    private static final int EPOCHS = 6;
    /** Examples in the train split (80% of digits, stratified), read from the session. */
    private int trainingSize;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
    }

    private TrainingSession session(Workbench workbench) throws Exception {
        TrainingSession session = workbench.newSession();
        session.loadData("digits", Map.of());
        session.split(Map.of("train", "0.8", "test", "0.2", "seed", "1"));
        session.fitTransform("standardize", Map.of());
        session.createNetwork("in-30-out", Map.of("seed", "1"));
        session.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.005"));
        trainingSize = session.status().splits().get("train");
        return session;
    }

    private static double seconds(List<EpochReport> reports) {
        return reports.stream().mapToDouble(EpochReport::seconds).sum();
    }

    private void checkSteps(List<EpochReport> reports) {
        assertEquals(EPOCHS, reports.size());
        for (EpochReport r : reports) {
            assertEquals("no step lost or repeated by epoch " + r.epoch(), (long) r.epoch() * trainingSize, r.step());
        }
    }

    /**
     * One run of {@link #EPOCHS} epochs with a thread that looks at the step count every 0.5 ms
     * and, when {@code swap}, swaps sgd and momentum once 20 more steps were taken.
     *
     * @return the run's training seconds
     */
    private double run(Workbench workbench, Map<String, String> train, boolean swap, List<Long> latencies)
            throws Exception {
        TrainingSession session = session(workbench);
        Future<List<EpochReport>> run = session.trainInBackground(EPOCHS, train, null);
        int n = 0;
        long last = 0;
        while (!run.isDone()) {
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
            long step = session.status().step();
            if (!swap || step < last + 20 || run.isDone()) {
                continue;
            }
            last = step;
            long t0 = System.nanoTime();
            session.use(ComponentKind.OPTIMIZER, n % 2 == 0 ? "momentum" : "sgd",
                    n % 2 == 0 ? Map.of("lr", "0.005", "mu", "0.5") : Map.of("lr", "0.005"));
            latencies.add(System.nanoTime() - t0);
            n++;
        }
        List<EpochReport> reports = run.get(5, TimeUnit.MINUTES);
        checkSteps(reports);
        return seconds(reports);
    }

    @Test
    public void swapPause() throws Exception {
        Workbench workbench = Services.await(context, Workbench.class);
        HotSwapIT.awaitTrue("momentum is registered", () -> workbench.catalog().list(ComponentKind.OPTIMIZER).stream()
                .anyMatch(e -> e.name().equals("momentum")));
        Map<String, String> train = Map.of("batch", "1", "eval", "none");
        session(workbench).train(2, train, null); // warm-up: JIT, jblas, data paths

        List<Double> baseline = new ArrayList<>();
        List<Double> swapping = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        int swaps = 0;
        for (int round = 0; round < 3; round++) {
            // the same watching thread in both runs (it reads the step every 0.5 ms); only the swaps differ
            baseline.add(run(workbench, train, false, latencies));
            int before = latencies.size();
            swapping.add(run(workbench, train, true, latencies));
            swaps += latencies.size() - before;
        }
        Collections.sort(latencies);
        Collections.sort(baseline);
        Collections.sort(swapping);
        double medianUs = latencies.get(latencies.size() / 2) / 1e3;
        double p99Us = latencies.get((int) (latencies.size() * 0.99)) / 1e3;
        double maxUs = latencies.get(latencies.size() - 1) / 1e3;
        double extraPerSwapUs = (swapping.get(1) - baseline.get(1)) / (swaps / 3.0) * 1e6;
        String report = String.format(Locale.ROOT, String.join(System.lineSeparator(),
                "swap benchmark (digits 64-30-10, online sgd <-> momentum, %d epochs x %d steps per run, 3 runs each)",
                "swaps: %d, every >= 20 steps; no step lost: every epoch ended at epoch x %d steps, with and without swaps",
                "use latency (caller, includes waiting for the step in flight): median %.1f us, p99 %.1f us, max %.1f us",
                "run time with a watcher but no swaps (median of 3): %.3f s; with swaps: %.3f s",
                "extra run time per swap: %.1f us (the pause the training thread sees, median runs)", ""),
                EPOCHS, trainingSize, swaps, trainingSize, medianUs, p99Us, maxUs, baseline.get(1), swapping.get(1),
                extraPerSwapUs);
        System.err.print(report);
        Path out = Path.of(System.getProperty("ebp.itests.work", "target/it-work")).resolveSibling("swap-benchmark.txt");
        try {
            Files.writeString(out, report);
        } catch (IOException e) {
            System.err.println("cannot write " + out + ": " + e);
        }
    }
}
