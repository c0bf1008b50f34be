package org.ebp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyListener;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.Trial;
import org.ebp.engine.recipes.RecipeService;
import org.ebp.engine.registry.ComponentIndex;
import org.ebp.experiments.StudyService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members in JVMs of their own on 127.0.0.1 (ports chosen here), a sweep of 12 runs sent
 * from this JVM (a member that takes no runs), one member SIGKILLed after the first result: every
 * run's result arrives exactly once and equals the same recipe run here alone. The members are
 * killed afterwards whatever happened.
 */
// a separate thread: a member that hangs before it is ready must not hang the test with it (a pipe read is not interruptible)
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterFailoverTest {

    @TempDir
    Path home;

    private final List<Process> members = new ArrayList<>();
    private ClusterService caller;

    @AfterEach
    void cleanUp() {
        if (caller != null) {
            caller.stop();
        }
        members.forEach(Process::destroyForcibly);
    }

    @Test
    void aMemberKilledMidSweepLosesNoRunAndEveryResultEqualsTheLocalRun() throws Exception {
        int[] ports = freePorts(4);
        String all = "127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2] + ",127.0.0.1:" + ports[3];
        for (int i = 1; i <= 3; i++) {
            members.add(startMember(ports[i], all, home.resolve("member" + i)));
        }
        for (Process p : members) {
            awaitReady(p);
        }
        ComponentIndex catalog = Components.catalog(Set.of(), false);
        RecipeService runner = Components.runner(catalog, home.resolve("caller"));
        caller = new ClusterService(runner, runner, catalog, Components.records(home.resolve("caller")));
        caller.start(ports[0], MemberList.parse(all), false, 0);
        awaitMembers(caller, 4);
        assertTrue(caller.slots() >= 3, "three members take runs: " + caller.describe());

        StudyService studies = new StudyService(runner, catalog, List.of(), null, caller);
        Recipe base = Components.digits(6, "sgd", "0.01");
        Study sweep = studies.sweep(base, "optimizer", "sgd",
                Map.of("lr", "0.001,0.002,0.005,0.01,0.02,0.05"), false, 0, 1);
        Map<String, RecipeResult> arrived = new ConcurrentHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process victim = members.get(1);
        StudyListener listener = new StudyListener() {
            @Override
            public void runFinished(int done, int total, Trial trial, int seed, RecipeResult result, double eta) {
                deliveries.incrementAndGet();
                if (result == null) {
                    return; // its failure comes as the next message
                }
                arrived.merge(trial.label() + " seed " + seed, result, (a, b) -> {
                    throw new AssertionError(trial.label() + " seed " + seed + " arrived twice");
                });
                if (done == 1) {
                    victim.destroyForcibly(); // SIGKILL, in the middle of the sweep: its runs are in flight
                    System.out.println("killed member pid " + victim.pid() + " after the first result");
                }
            }

            @Override
            public void message(String text) {
                System.out.println(text);
                if (text.contains(" failed: ")) {
                    failures.add(text);
                }
            }
        };
        long start = System.nanoTime();
        StudyReport report = studies.run(sweep, new StudyPlan(2, Double.NaN, 2, "failover-test"), listener);
        System.out.printf("%d of %d runs in %.1f s on %s; %d started again after their member died%n",
                report.runsDone(), report.runsTotal(), (System.nanoTime() - start) / 1e9, caller.describe(),
                caller.restartsForTest());
        assertEquals(List.of(), failures, "no run failed");
        assertEquals(12, report.runsTotal());
        assertEquals(12, report.runsDone(), "every run completed");
        assertEquals(12, deliveries.get(), "each result once");
        assertEquals(12, arrived.size());
        assertTrue(caller.restartsForTest() >= 1, "the killed member had runs in flight, and they ran again elsewhere");
        assertEquals(2, caller.status().stream().filter(l -> l.contains("takes runs")).count(), caller.status().toString());

        // every run is in the caller's records once, as its member recorded it
        List<org.ebp.api.runs.RunRecord> kept = Components.records(home.resolve("caller")).list().runs();
        assertEquals(12, kept.size(), "the caller keeps one record per run");
        for (org.ebp.api.runs.RunRecord r : kept) {
            assertEquals("failover-test", r.group());
            assertEquals("completed", r.outcome());
            assertEquals(6, r.epochs().size());
        }
        java.util.Set<Double> finalLosses = new java.util.HashSet<>();
        kept.forEach(r -> finalLosses.add(r.epochs().get(5).trainLoss()));
        java.util.Set<Double> arrivedLosses = new java.util.HashSet<>();
        arrived.values().forEach(r -> arrivedLosses.add(r.epochs().get(5).trainLoss()));
        assertEquals(arrivedLosses, finalLosses, "the records are the runs whose results arrived");

        for (Trial t : sweep.trials()) {
            for (int seed = 1; seed <= 2; seed++) {
                RecipeResult local = runner.run(seeded(t.recipe(), seed), null, null);
                assertSameNumbers(local, arrived.get(t.label() + " seed " + seed), t.label() + " seed " + seed);
            }
        }
    }

    /** The study's k-th seeds, as StudyService makes them (net and train seeds moved by k - 1). */
    private static Recipe seeded(Recipe r, int k) {
        long net = Long.parseLong(r.netSettings().getOrDefault("seed", "1"));
        long train = Long.parseLong(r.train().getOrDefault("seed", "1"));
        return r.withNet("seed", Long.toString(net + k - 1)).withTrain("seed", Long.toString(train + k - 1));
    }

    static void assertSameNumbers(RecipeResult local, RecipeResult remote, String what) {
        assertNotNull(remote, what + " has no result");
        assertEquals("completed", remote.outcome(), what);
        assertEquals(local.epochs().size(), remote.epochs().size(), what);
        for (int i = 0; i < local.epochs().size(); i++) {
            var a = local.epochs().get(i);
            var b = remote.epochs().get(i);
            // bit for bit: the same recipe and seeds make the same arithmetic in any JVM on the same provider
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, what + " epoch " + (i + 1));
            assertEquals(a.evalLoss(), b.evalLoss(), 0.0, what + " epoch " + (i + 1));
            assertEquals(a.evalAccuracy(), b.evalAccuracy(), 0.0, what + " epoch " + (i + 1));
        }
        assertEquals(local.train(), remote.train(), what);
        assertEquals(local.test(), remote.test(), what);
    }

    private static Process startMember(int port, String all, Path home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx200m",
                "-cp", System.getProperty("java.class.path"), TestMember.class.getName(), Integer.toString(port), all,
                home.toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static void awaitReady(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ready ")) {
                System.out.println("member " + line.substring(6) + " is up (pid " + p.pid() + ")");
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // the member's output is not needed once it is up
                        }
                    } catch (IOException ignored) {
                        // it died
                    }
                }, "drain-" + p.pid());
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("a member ended before it was ready:\n" + seen);
    }

    static void awaitMembers(ClusterService s, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (s.memberCountForTest() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + s.status() + " after 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                open.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
        return ports;
    }
}
