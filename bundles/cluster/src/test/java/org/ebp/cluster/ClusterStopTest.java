package org.ebp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.runs.RunRecord;
import org.ebp.engine.recipes.RecipeService;
import org.ebp.engine.registry.ComponentIndex;
import org.ebp.experiments.StudyService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caller ends a study on the cluster (stop, as Ctrl-C does) or leaves the cluster: the runs on
 * the member stop at a step boundary instead of training on for nobody. One member and one caller
 * in this JVM, on 127.0.0.1.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterStopTest {

    @TempDir
    Path home;

    private final List<ClusterService> started = new ArrayList<>();

    @AfterEach
    void leave() {
        started.forEach(ClusterService::stop);
    }

    private ClusterService node(String name, int port, String members, boolean serve) {
        ComponentIndex catalog = Components.catalog(Set.of(), false);
        RecipeService runner = Components.runner(catalog, home.resolve(name));
        ClusterService s = new ClusterService(runner, runner, catalog, Components.records(home.resolve(name)));
        s.start(port, MemberList.parse(members), serve, 2);
        started.add(s);
        return s;
    }

    /** The member's records, once every run it started has ended (a run ended by an interrupt still writes its end line). */
    private List<RunRecord> endedOnMember(int runs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<RunRecord> kept = Components.records(home.resolve("member")).list().runs();
            if (kept.size() == runs && kept.stream().allMatch(r -> r.outcome() != null)) {
                return kept;
            }
            assertTrue(System.nanoTime() < deadline, "the member's runs did not end: " + kept);
            Thread.sleep(200);
        }
    }

    @Test
    void stoppingTheStudyStopsItsRunsOnTheMember() throws Exception {
        int[] ports = ClusterFailoverTest.freePorts(2);
        String all = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];
        node("member", ports[1], all, true);
        ClusterService caller = node("caller", ports[0], all, false);
        ClusterFailoverTest.awaitMembers(caller, 2);
        RecipeService runner = Components.runner(Components.catalog(Set.of(), false), home.resolve("caller"));
        StudyService studies = new StudyService(runner, Components.catalog(Set.of(), false), List.of(), null, caller);
        Study study = studies.sweep(Components.digits(500, "sgd", "0.01"), "optimizer", "sgd", Map.of("lr", "0.01,0.02"),
                false, 0, 1);
        CompletableFuture<StudyReport> running = CompletableFuture.supplyAsync(
                () -> studies.run(study, new StudyPlan(1, Double.NaN, 2, "stop-test"), null));
        endedOnMemberStarted(2);
        assertTrue(studies.stop());
        StudyReport report = running.get(60, TimeUnit.SECONDS);
        assertTrue(report.stopped());
        for (RunRecord r : endedOnMember(2)) {
            assertFalse("completed".equals(r.outcome()), r.outcome());
            assertTrue(r.epochs().size() < 500, "stopped early: " + r.epochs().size() + " epochs");
        }
    }

    @Test
    void theCallerLeavingStopsItsRunsOnTheMember() throws Exception {
        int[] ports = ClusterFailoverTest.freePorts(2);
        String all = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];
        node("member", ports[1], all, true);
        ClusterService caller = node("caller", ports[0], all, false);
        ClusterFailoverTest.awaitMembers(caller, 2);
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
            try {
                return caller.run(Components.digits(500, "sgd", "0.01"), "leave-test");
            } catch (RuntimeException e) {
                return e;
            }
        });
        endedOnMemberStarted(1);
        caller.stop();
        run.get(60, TimeUnit.SECONDS);
        RunRecord r = endedOnMember(1).get(0);
        assertFalse("completed".equals(r.outcome()), r.outcome());
        assertTrue(r.epochs().size() < 500, "stopped early: " + r.epochs().size() + " epochs");
    }

    /** Waits until the member has started {@code runs} runs with an epoch done each. */
    private void endedOnMemberStarted(int runs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Components.records(home.resolve("member")).list().runs().stream().filter(r -> !r.epochs().isEmpty()).count()
                < runs) {
            assertTrue(System.nanoTime() < deadline, "the member did not start the runs");
            Thread.sleep(100);
        }
    }
}
