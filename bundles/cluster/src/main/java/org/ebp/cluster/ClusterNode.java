package org.ebp.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This workbench as a Hazelcast member: the one place that configures Hazelcast. Join by the
 * explicit member list over TCP-IP (multicast and cloud auto-detection off), phone-home off,
 * bound to 127.0.0.1 unless members on other hosts are named, failure detection within seconds
 * (a killed member's runs go elsewhere quickly), logging through {@link HazelcastLog}.
 */
final class ClusterNode {

    /** Members of one workbench cluster share this name; other Hazelcast clusters on the network are not joined. */
    static final String CLUSTER_NAME = "ebp-workbench";
    /** The executor runs go to; its pool has one thread per core of the member. */
    static final String EXECUTOR = "ebp-runs";
    /** Where a caller says which of its tasks to stop (the task ids of RunTask). */
    static final String CANCEL_TOPIC = "ebp-cancel";
    /** A member silent this long is taken for dead and its runs go elsewhere. */
    static final int FAILURE_SECONDS = 10;
    static final String CORES = "ebp.cores";
    static final String COMPONENTS = "ebp.components";
    static final String TAKES_RUNS = "ebp.takes-runs";

    private ClusterNode() {
    }

    /**
     * Starts a member.
     *
     * @param attributes what the member offers (cores, components), for {@code cluster status} and the dispatch
     * @param work       the member's side of runs, or null for a member that takes none
     * @throws IllegalStateException in one line when the port is taken or Hazelcast does not start
     */
    static HazelcastInstance start(int port, MemberList members, Map<String, String> attributes, MemberWork work,
                                   int cores) {
        boolean loopback = members.loopbackOnly();
        checkPortFree(port, loopback);
        Config config = new Config();
        config.setClusterName(CLUSTER_NAME);
        // tasks (RunTask) are this bundle's classes: Hazelcast's own bundle cannot see them otherwise
        config.setClassLoader(ClusterNode.class.getClassLoader());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", loopback ? "false" : "true");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(FAILURE_SECONDS));
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        if (loopback) {
            network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(3).setMembers(members.addresses());
        attributes.forEach(config.getMemberAttributeConfig()::setAttribute);
        config.getExecutorConfig(EXECUTOR).setPoolSize(Math.max(1, cores)).setStatisticsEnabled(false);
        ConcurrentHashMap<String, Object> context = new ConcurrentHashMap<>();
        if (work != null) {
            context.put(MemberWork.CONTEXT_KEY, work);
        }
        config.setUserContext(context);
        HazelcastLog.route();
        try {
            return Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the cluster member did not start on port " + port + ": " + firstLine(e)
                    + " (details in " + HazelcastLog.file() + ")", e);
        }
    }

    /** {@code host:port} of a member. */
    static String name(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    /** Cores a member offers (1 when it does not say). */
    static int cores(Member m) {
        try {
            return Math.max(1, Integer.parseInt(m.getAttribute(CORES)));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    static boolean takesRuns(Member m) {
        return "true".equals(m.getAttribute(TAKES_RUNS));
    }

    /** Fails in one line when another program listens on the port (Hazelcast's own error is a page of stack). */
    private static void checkPortFree(int port, boolean loopback) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(loopback ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port) : new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use on " + (loopback ? "127.0.0.1" : "this machine")
                    + "; choose another, e.g. cluster start port=" + (port == 65535 ? 5701 : port + 1));
        }
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
