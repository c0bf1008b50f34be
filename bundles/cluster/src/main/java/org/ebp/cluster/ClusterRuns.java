package org.ebp.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeCodec;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.runs.RunRecords;

/**
 * The caller's side of runs on the cluster. Each run goes to the member with the most free cores
 * (a member takes as many runs at once as it has cores); a member that declines is passed over for
 * that run, and a member that leaves or dies takes its runs with it: they start again on another
 * member from the same seeds (a run is a pure function of its recipe, so nothing is lost but time).
 * When every member has declined, the run fails with one line naming each member and what it lacks.
 */
final class ClusterRuns implements MembershipListener {

    private static final Logger LOG = Logger.getLogger("com.hazelcast.ebp");

    private final HazelcastInstance hz;
    private final IExecutorService executor;
    private final RecipeCodec codec;
    private final DataFingerprints fingerprints;
    private final RunRecords records;
    /** Runs in flight per member; guarded by this. */
    private final Map<UUID, Integer> busy = new HashMap<>();
    private final AtomicInteger restarts = new AtomicInteger();
    /** How often a waiting caller looks at its interrupt flag (a stop reaches the members within this). */
    private static final long STOP_CHECK_MILLIS = 200;

    /** @param records the caller's run records, which keep every run a member made for it; or null */
    ClusterRuns(HazelcastInstance hz, RecipeCodec codec, DataFingerprints fingerprints, RunRecords records) {
        this.records = records;
        this.hz = hz;
        this.executor = hz.getExecutorService(ClusterNode.EXECUTOR);
        this.codec = codec;
        this.fingerprints = fingerprints;
        hz.getCluster().addMembershipListener(this);
    }

    /** The cores of the members that take runs. */
    int slots() {
        int n = 0;
        for (Member m : hz.getCluster().getMembers()) {
            n += ClusterNode.takesRuns(m) ? ClusterNode.cores(m) : 0;
        }
        return n;
    }

    String describe() {
        int members = 0;
        for (Member m : hz.getCluster().getMembers()) {
            members += ClusterNode.takesRuns(m) ? 1 : 0;
        }
        boolean self = ClusterNode.takesRuns(hz.getCluster().getLocalMember());
        return members + (members == 1 ? " member, " : " members, ") + slots() + " cores"
                + (self ? " (this workbench among them)" : " (this workbench only sends)");
    }

    /** Runs that started again elsewhere because their member left. */
    int restarts() {
        return restarts.get();
    }

    RecipeResult run(Recipe recipe, String group) {
        String json = codec.toJson(recipe);
        String hash = fingerprints.of(recipe);
        UUID self = hz.getCluster().getLocalMember().getUuid();
        Map<String, String> declined = new LinkedHashMap<>();
        Set<UUID> passed = new HashSet<>();
        while (true) {
            Member m = acquire(passed, declined);
            try {
                String taskId = UUID.randomUUID().toString();
                Future<String> f = executor.submitToMember(new RunTask(json, group, hash, self, taskId), m);
                TaskCodec.Reply reply = TaskCodec.read(ClusterNode.name(m), await(f, m, taskId));
                if (reply.result() != null) {
                    keep(reply);
                    return reply.result();
                }
                if (reply.failed()) {
                    throw new IllegalStateException("on " + reply.member() + ": " + reply.reason());
                }
                declined.put(reply.member(), reply.reason());
                passed.add(m.getUuid());
            } catch (ExecutionException | RuntimeException e) {
                if (!hz.getLifecycleService().isRunning()) {
                    throw new IllegalStateException("this workbench left the cluster (cluster stop) before the run on "
                            + ClusterNode.name(m) + " ended", e);
                }
                if (e instanceof IllegalStateException || e instanceof IllegalArgumentException || !left(m)) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException("the run on " + ClusterNode.name(m)
                            + " failed: " + describe(e), e);
                }
                restarts.incrementAndGet();
                LOG.info("member " + ClusterNode.name(m) + " left during a run (" + describe(e) + "); it starts again "
                        + "on another member from the same seeds");
            } finally {
                release(m);
            }
        }
    }

    /** The member's record of the run, kept among this workbench's runs as if it had run here. */
    private void keep(TaskCodec.Reply reply) {
        if (records == null || reply.record() == null) {
            return;
        }
        try {
            records.adopt(reply.record(), "cluster member " + reply.member());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warning("the record of a run on " + reply.member() + " is not kept here: " + e.getMessage());
        }
    }

    /** The reply; an interrupt of the caller cancels the run on its member (it stops at a step boundary). */
    private String await(Future<String> f, Member m, String taskId) throws ExecutionException {
        // Hazelcast's get() waits on through an interrupt (it only restores the flag afterwards), so the
        // caller looks at its interrupt flag between short waits
        while (true) {
            boolean interrupted;
            try {
                return f.get(STOP_CHECK_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                interrupted = Thread.currentThread().isInterrupted();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                cancel(f, m, taskId);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped: the run on " + ClusterNode.name(m) + " was cancelled");
            }
        }
    }

    /** Stops a running task on its member: Hazelcast's cancel does not interrupt a running task, our message does. */
    private void cancel(Future<String> f, Member m, String taskId) {
        try {
            hz.getTopic(ClusterNode.CANCEL_TOPIC).publish(taskId);
            f.cancel(true);
        } catch (RuntimeException leaving) {
            // this workbench is leaving the cluster: the members stop its runs themselves
            LOG.info("could not cancel task " + taskId + " on " + ClusterNode.name(m) + ": " + leaving);
        }
    }

    /**
     * Whether the member the run failed on has left the cluster: at once for a member that said goodbye,
     * within the failure detection's bound ({@code hazelcast.max.no.heartbeat.seconds}) for one that died.
     * A run that failed on a member still there failed for a reason of its own.
     */
    private boolean left(Member m) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(ClusterNode.FAILURE_SECONDS + 5);
        while (hz.getLifecycleService().isRunning()) {
            if (!hz.getCluster().getMembers().contains(m)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false; // this workbench left (cluster stop): the run ends here
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse(""));
    }

    /** A member with a free core that has not declined this run; waits while all are busy. */
    private synchronized Member acquire(Set<UUID> passed, Map<String, String> declined) {
        while (true) {
            Member best = null;
            int bestFree = 0;
            boolean anyCandidate = false;
            for (Member m : hz.getCluster().getMembers()) {
                if (!ClusterNode.takesRuns(m) || passed.contains(m.getUuid())) {
                    continue;
                }
                anyCandidate = true;
                int free = ClusterNode.cores(m) - busy.getOrDefault(m.getUuid(), 0);
                if (free > bestFree) {
                    best = m;
                    bestFree = free;
                }
            }
            if (!anyCandidate) {
                throw new IllegalStateException(declined.isEmpty() ? "no member of the cluster takes runs; cluster status "
                        + "lists them" : "no member can run it: " + String.join("; ", declined.entrySet().stream()
                        .map(d -> d.getKey() + " " + d.getValue()).toList()));
            }
            if (best != null) {
                busy.merge(best.getUuid(), 1, Integer::sum);
                return best;
            }
            try {
                wait(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped before the run went to a member");
            }
        }
    }

    private synchronized void release(Member m) {
        busy.computeIfPresent(m.getUuid(), (k, n) -> n > 1 ? n - 1 : null);
        notifyAll();
    }

    @Override
    public synchronized void memberAdded(MembershipEvent event) {
        notifyAll();
    }

    @Override
    public synchronized void memberRemoved(MembershipEvent event) {
        busy.remove(event.getMember().getUuid());
        notifyAll();
    }
}
