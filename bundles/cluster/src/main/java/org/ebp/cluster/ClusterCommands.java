package org.ebp.cluster;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.cluster.RemoteRuns;
import org.ebp.api.command.CommandDeclaration;
import org.ebp.api.command.CommandDeclarations;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeCodec;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.runs.RunRecords;
import org.ebp.api.session.ComponentCatalog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code cluster start|status|stop|wait}: this workbench as a member of a cluster of workbenches,
 * and the {@link RemoteRuns} that ablate and sweep send their runs through while it is one.
 * Immediate: a delayed component would be discarded between two commands, and the membership with it.
 */
@Component(service = {ClusterCommands.class, CommandDeclarations.class, RemoteRuns.class}, immediate = true, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=cluster"})
public class ClusterCommands implements CommandDeclarations, RemoteRuns {

    /** The settings of cluster start, declared once: help, completion and checking come from here. */
    static final List<ParameterSpec> START = List.of(
            ParameterSpec.integer("port", 5701, 1024, 65535, "TCP port this member listens on"),
            ParameterSpec.text("members", "", "other members to join, host:port,... (empty: start a cluster); "
                    + "bound to 127.0.0.1 unless one is on another host"),
            ParameterSpec.bool("serve", true, "take runs of the cluster's studies here too (false: only send them)"),
            ParameterSpec.integer("cores", 0, 0, 4096, "runs this member takes at once (0: one per core); members "
                    + "sharing a machine share its cores"));

    static final List<CommandDeclaration> COMMANDS = List.of(
            new CommandDeclaration("cluster", "start", "cluster", "make this workbench a cluster member (TCP-IP join on "
                    + "the members named, no multicast); ablate and sweep then run on the members", List.of(), START),
            new CommandDeclaration("cluster", "status", "cluster", "the members: address, cores, whether they take runs, "
                    + "their components", List.of(), List.of()),
            new CommandDeclaration("cluster", "stop", "cluster", "leave the cluster; studies run here again",
                    List.of(), List.of()),
            new CommandDeclaration("cluster", "wait", "cluster", "wait until this member leaves (a headless member: "
                    + "workbench --member)", List.of(), List.of()));

    @Reference
    private RecipeRunner runner;

    @Reference
    private RecipeCodec codec;

    @Reference
    private ComponentCatalog catalog;

    @Reference
    private RunRecords records;

    private ClusterService cluster;

    @Activate
    void activate() {
        // before Hazelcast's own bundle starts (the feature lists this bundle first): its activator logs too
        HazelcastLog.route();
        cluster = new ClusterService(runner, codec, catalog, records);
    }

    @Deactivate
    void deactivate() {
        cluster.stop();
    }

    @Descriptor("cluster start [port=5701] [members=host:port,...] [serve=true] [cores=0]: join or start a cluster of workbenches; "
            + "cluster status: the members; cluster stop: leave; cluster wait: stay until stopped")
    public void cluster(CommandSession shell, @Descriptor("start, status, stop or wait") String... words) {
        PrintStream out = shell.getConsole();
        String what = words == null || words.length == 0 ? "status" : words[0];
        if (!what.equals("start") && words != null && words.length > 1) {
            throw new IllegalArgumentException("cluster " + what + " takes nothing after it, not '" + words[1] + "'");
        }
        switch (what) {
            case "start" -> {
                Settings s = declaration("start").check(settings(words));
                MemberList members = MemberList.parse(s.getString("members"));
                String self = cluster.start(s.getInt("port"), members, s.getBoolean("serve"), s.getInt("cores"));
                out.println("cluster member at " + self + (members.loopbackOnly() ? " (127.0.0.1 only)" : "")
                        + "; " + cluster.describe() + "; cluster status lists the members");
            }
            case "status" -> cluster.status().forEach(out::println);
            case "stop" -> out.println(cluster.stop() ? "left the cluster; ablate and sweep run on this machine again"
                    : "this workbench is not a cluster member");
            case "wait" -> {
                if (cluster.self() == null) {
                    throw new IllegalArgumentException("not a cluster member; cluster start first");
                }
                out.println("member " + cluster.self() + " takes runs until it is stopped (cluster stop, or SIGTERM/Ctrl-C "
                        + "to its process)");
                try {
                    cluster.awaitStop();
                } catch (InterruptedException stopped) {
                    // SIGTERM or Ctrl-C: the framework stops and this bundle leaves the cluster as it deactivates
                    Thread.currentThread().interrupt();
                }
                out.println("member " + (cluster.self() == null ? "" : cluster.self() + " ") + "stopped");
            }
            default -> throw new IllegalArgumentException("cluster " + what + " is not a command; use cluster start "
                    + "[port=5701] [members=host:port,...], cluster status, cluster stop or cluster wait");
        }
    }

    private static Map<String, String> settings(String[] words) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + words[i] + "'; e.g. cluster start port=5701 "
                        + MemberList.EXAMPLE);
            }
            given.put(words[i].substring(0, eq).trim(), words[i].substring(eq + 1).trim());
        }
        return given;
    }

    private static CommandDeclaration declaration(String sub) {
        return COMMANDS.stream().filter(d -> sub.equals(d.sub())).findFirst().orElseThrow();
    }

    @Override
    public List<CommandDeclaration> commands() {
        return COMMANDS;
    }

    @Override
    public int slots() {
        return cluster.slots();
    }

    @Override
    public String describe() {
        return cluster.describe();
    }

    @Override
    public RecipeResult run(Recipe recipe, String group) {
        return cluster.run(recipe, group);
    }
}
