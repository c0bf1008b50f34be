package org.ebp.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebp.api.cluster.RemoteRuns;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeCodec;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.runs.RunRecords;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.ComponentEntry;

/**
 * This workbench's membership: started by {@code cluster start}, ended by {@code cluster stop} or
 * when the bundle stops. While it is a member that takes runs, every compute provider is held to one
 * thread: the member runs one run per core at once, and two BLAS pools on the same cores would
 * fight. Thread-safe.
 */
final class ClusterService implements RemoteRuns {

    private final RecipeRunner runner;
    private final RecipeCodec codec;
    private final ComponentCatalog catalog;
    private final DataFingerprints fingerprints;
    private final RunRecords records;
    /** Guarded by this. */
    private HazelcastInstance hz;
    private ClusterRuns runs;
    private final List<Runnable> restoreThreads = new ArrayList<>();

    /** @param records this workbench's run records (null: runs made on members are kept there only) */
    ClusterService(RecipeRunner runner, RecipeCodec codec, ComponentCatalog catalog, RunRecords records) {
        this.records = records;
        this.runner = runner;
        this.codec = codec;
        this.catalog = catalog;
        this.fingerprints = new DataFingerprints(catalog);
    }

    /**
     * Joins (or starts) the cluster.
     *
     * @param serve true: this workbench takes runs too; false: it only sends them
     * @param runsAtOnce runs it takes at once, 0 for one per core
     * @throws IllegalStateException in one line when already a member, or when the member does not start
     */
    synchronized String start(int port, MemberList members, boolean serve, int runsAtOnce) {
        if (hz != null) {
            throw new IllegalStateException("this workbench is already a cluster member at " + self()
                    + "; cluster stop leaves first");
        }
        int machineCores = Runtime.getRuntime().availableProcessors();
        int cores = runsAtOnce > 0 ? runsAtOnce : machineCores;
        MemberWork work = serve ? new MemberWork(runner, codec, catalog, fingerprints, records) : null;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ClusterNode.CORES, Integer.toString(cores));
        attributes.put(ClusterNode.TAKES_RUNS, Boolean.toString(serve));
        attributes.put(ClusterNode.COMPONENTS, componentSummary());
        HazelcastInstance started = ClusterNode.start(port, members, attributes, work, cores);
        hz = started;
        if (work != null) {
            work.named(ClusterNode.name(started.getCluster().getLocalMember()));
            started.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    work.callerLeft(event.getMember().getUuid());
                }
            });
            started.getTopic(ClusterNode.CANCEL_TOPIC).addMessageListener(m -> work.cancel(String.valueOf(m.getMessageObject())));
            if (machineCores > 1) {
                oneComputeThread();
            }
        }
        runs = new ClusterRuns(started, codec, fingerprints, records);
        return self();
    }

    /** Leaves the cluster; false when this workbench was not a member. */
    synchronized boolean stop() {
        if (hz == null) {
            return false;
        }
        HazelcastInstance leaving = hz;
        hz = null;
        runs = null;
        try {
            leaving.shutdown();
        } finally {
            restoreThreads.forEach(Runnable::run);
            restoreThreads.clear();
        }
        return true;
    }

    /** Blocks until this workbench is no longer a member (how a headless member stays up). */
    void awaitStop() throws InterruptedException {
        while (true) {
            HazelcastInstance now;
            synchronized (this) {
                now = hz;
            }
            if (now == null || !now.getLifecycleService().isRunning()) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The lines of {@code cluster status}. */
    synchronized List<String> status() {
        List<String> out = new ArrayList<>();
        if (hz == null) {
            out.add("not a cluster member; cluster start [port=5701] [members=host:port,...] joins or starts one");
            return out;
        }
        out.add("cluster " + ClusterNode.CLUSTER_NAME + ": " + runs.describe()
                + (runs.restarts() > 0 ? "; " + runs.restarts() + " runs started again after their member left" : ""));
        Member local = hz.getCluster().getLocalMember();
        for (Member m : hz.getCluster().getMembers()) {
            out.add(String.format("  %-21s %s, %d %s, %s; components: %s", ClusterNode.name(m),
                    m.equals(local) ? "this workbench" : "member", ClusterNode.cores(m), ClusterNode.cores(m) == 1 ? "core" : "cores",
                    ClusterNode.takesRuns(m) ? "takes runs" : "takes no runs", m.getAttribute(ClusterNode.COMPONENTS)));
        }
        out.add("Hazelcast's log: " + HazelcastLog.file());
        return out;
    }

    /** Members in the cluster now (tests). */
    synchronized int memberCountForTest() {
        return hz == null ? 0 : hz.getCluster().getMembers().size();
    }

    /** Runs that started again elsewhere after their member left (tests). */
    synchronized int restartsForTest() {
        return runs == null ? 0 : runs.restarts();
    }

    synchronized String self() {
        return hz == null ? null : ClusterNode.name(hz.getCluster().getLocalMember());
    }

    @Override
    public int slots() {
        ClusterRuns r;
        synchronized (this) {
            r = runs;
        }
        return r == null ? 0 : r.slots();
    }

    @Override
    public String describe() {
        ClusterRuns r;
        synchronized (this) {
            r = runs;
        }
        return r == null ? "no cluster" : r.describe();
    }

    @Override
    public RecipeResult run(Recipe recipe, String group) {
        ClusterRuns r;
        synchronized (this) {
            r = runs;
        }
        if (r == null) {
            throw new IllegalStateException("this workbench left the cluster; the run was not sent");
        }
        return r.run(recipe, group);
    }

    /** Components by kind, e.g. {@code optimizer 12, schedule 5, ...}: what a member offers. */
    private String componentSummary() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ComponentEntry e : catalog.list(null)) {
            counts.merge(e.kind().id(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, n) -> parts.add(n + " " + k));
        return String.join(", ", parts);
    }

    private void oneComputeThread() {
        for (ComponentEntry entry : catalog.list(ComponentKind.COMPUTE)) {
            try {
                ComputeService compute = catalog.get(ComponentKind.COMPUTE, entry.name(), ComputeService.class);
                int before = compute.setThreads(1);
                if (before >= 1) {
                    restoreThreads.add(() -> compute.setThreads(before));
                }
            } catch (RuntimeException gone) {
                // a provider that left meanwhile has no threads to limit
            }
        }
    }
}
