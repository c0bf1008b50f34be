package org.ebp.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.experiments.StudyListener;
import org.ebp.api.experiments.Trial;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.ComponentEntry;

/**
 * Runs a study's runs, {@code parallel} at once, each in a session of its own. With more than one
 * at once every compute provider is limited to one thread for the study's duration (and restored
 * after), so the runs do not fight a BLAS pool for the same cores. An interrupt of the caller stops
 * every run at its next step boundary; runs not started are dropped.
 */
final class ParallelRuns {

    /** One run: a trial with one seed. */
    record Job(int trial, int seed, Trial source, Recipe recipe) {
    }

    /** How a job ended: a result, or the one-line reason it failed. */
    record Done(Job job, RecipeResult result, String failure) {
    }

    /** The runs that ended, and whether the study was stopped. */
    record Outcome(List<Done> done, boolean stopped, double wallSeconds) {
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private ParallelRuns() {
    }

    /** How often the caller looks at the stop flag while it waits for a run to end. */
    static final long STOP_CHECK_MILLIS = 100;

    /**
     * Runs the jobs; {@code stop} set from another thread (Ctrl-C in the console) ends them as an
     * interrupt of the caller does, but leaves the caller's thread as it was.
     */
    static Outcome run(RecipeRunner runner, ComponentCatalog catalog, List<Job> jobs, int parallel, String group,
                       StudyListener listener, java.util.concurrent.atomic.AtomicBoolean stop) {
        long start = System.nanoTime();
        List<Done> done = new ArrayList<>();
        int threads = Math.max(1, Math.min(parallel, jobs.size()));
        List<Runnable> restore = threads > 1 ? oneComputeThread(catalog) : List.of();
        int pool = POOLS.incrementAndGet();
        AtomicInteger numbers = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ebp-study-" + pool + "-" + numbers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        boolean stopped = false;
        try {
            ExecutorCompletionService<Done> completion = new ExecutorCompletionService<>(executor);
            for (Job job : jobs) {
                completion.submit(() -> attempt(runner, job, group));
            }
            double runSeconds = 0;
            boolean interrupted = false;
            while (done.size() < jobs.size()) {
                Future<Done> next;
                try {
                    next = completion.poll(STOP_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    next = null;
                }
                if (interrupted || stop.get()) {
                    stopped = true;
                    break;
                }
                if (next == null) {
                    continue;
                }
                Done d = result(next);
                done.add(d);
                if (d.result() != null) {
                    runSeconds += d.result().wallSeconds();
                }
                double mean = runSeconds / done.size();
                double eta = mean * (jobs.size() - done.size()) / threads;
                listener.runFinished(done.size(), jobs.size(), d.job().source(), d.job().seed(), d.result(), eta);
                if (d.failure() != null) {
                    listener.message(d.job().source().label() + " seed " + d.job().seed() + " failed: " + d.failure());
                }
            }
            if (stopped) {
                done.addAll(stop(executor, completion));
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            executor.shutdownNow();
            restore.forEach(Runnable::run);
        }
        return new Outcome(done, stopped, (System.nanoTime() - start) / 1e9);
    }

    private static Done attempt(RecipeRunner runner, Job job, String group) {
        try {
            return new Done(job, runner.run(job.recipe(), group, null), null);
        } catch (RuntimeException e) {
            return new Done(job, null, String.valueOf(e.getMessage()));
        }
    }

    private static Done result(Future<Done> f) {
        try {
            return f.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a study's run ended without a result: " + e, e);
        }
    }

    /**
     * Interrupts the running jobs (each stops at its next step boundary), waits for them, and
     * collects what ended meanwhile (runs cut short say so in their outcome). A run that ended with
     * a failure and no result once stopped (a cluster run cancelled on its member) was cut off by
     * the stop, like a run never started: it is left out rather than shown as failed.
     */
    private static List<Done> stop(ExecutorService executor, ExecutorCompletionService<Done> completion) {
        executor.shutdownNow();
        try {
            // the interrupted runs end within a step; the bound only guards against a hung provider
            executor.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
        List<Done> late = new ArrayList<>();
        for (Future<Done> f = completion.poll(); f != null; f = completion.poll()) {
            if (f.isDone() && !f.isCancelled()) {
                Done d = result(f);
                if (d.result() != null) {
                    late.add(d);
                }
            }
        }
        return late;
    }

    /** Every compute provider set to one thread; the returned actions restore each one's previous limit. */
    private static List<Runnable> oneComputeThread(ComponentCatalog catalog) {
        List<Runnable> restore = new ArrayList<>();
        for (ComponentEntry entry : catalog.list(ComponentKind.COMPUTE)) {
            try {
                ComputeService compute = catalog.get(ComponentKind.COMPUTE, entry.name(), ComputeService.class);
                int before = compute.setThreads(1);
                if (before >= 1) {
                    restore.add(() -> compute.setThreads(before));
                }
            } catch (RuntimeException gone) {
                // a provider that left meanwhile has no threads to limit
            }
        }
        return restore;
    }
}
