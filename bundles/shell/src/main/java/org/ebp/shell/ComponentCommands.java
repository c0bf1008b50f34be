package org.ebp.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.session.ComponentEntry;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Commands that show which components exist: {@code components}, {@code compute}. */
@Component(service = {ComponentCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=components",
        "osgi.command.function=compute"})
public class ComponentCommands implements DeclaredCommands {

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("components", null, "components", "the components by kind with their bundles and settings; with "
                            + "a name, one component's help",
                    List.of(ArgSpec.choice("[KIND", "a kind of component", kinds()),
                            new ArgSpec("[NAME]]", "a component of that kind", new ArgSpec.ComponentsOfArg(0))), List.of()),
            CommandSpec.of("compute", null, "components", "the compute providers, the native library each loaded, the one "
                    + "in use", List.of(), List.of()));

    @Override
    public List<CommandSpec> commands() {
        return COMMANDS;
    }

    private static String[] kinds() {
        ComponentKind[] all = ComponentKind.values();
        String[] ids = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            ids[i] = all[i].id();
        }
        return ids;
    }

    @Reference
    private Workbench workbench;

    @Descriptor("list the available components by kind, with the bundle that provides each")
    public void components(CommandSession session) {
        print(session, null);
    }

    @Descriptor("list the components of one kind (optimizer, schedule, sampler, activation, target-coding, initializer, loss, transform, dataset, compute)")
    public void components(CommandSession session, @Descriptor("kind of component") String kind) {
        print(session, ComponentKind.parse(kind));
    }

    @Descriptor("show one component's help and settings")
    public void components(CommandSession session, @Descriptor("kind of component") String kind,
                           @Descriptor("name of the component") String name) {
        ComponentEntry e = workbench.catalog().entry(ComponentKind.parse(kind), name);
        PrintStream out = System.out;
        out.println(e.kind() + " " + e.name() + ": " + e.description());
        out.println("  provided by " + e.bundle());
        if (e.parameters().isEmpty()) {
            out.println("  no settings");
        }
        for (ParameterSpec p : e.parameters()) {
            out.println("  " + p.summary());
        }
    }

    private void print(CommandSession session, ComponentKind only) {
        PrintStream out = System.out;
        List<ComponentEntry> entries = workbench.catalog().list(only);
        if (entries.isEmpty()) {
            out.println(only == null ? "no components are registered" : "no " + only + " components are registered");
            return;
        }
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(8);
        ComponentKind current = null;
        for (ComponentEntry e : entries) {
            if (e.kind() != current) {
                current = e.kind();
                out.println(current + ":");
            }
            StringBuilder settings = new StringBuilder();
            for (ParameterSpec p : e.parameters()) {
                settings.append(settings.length() == 0 ? " [" : " ").append(p.name()).append('=').append(p.defaultValue() == null ? "?" : p.defaultValue());
            }
            if (settings.length() > 0) {
                settings.append(']');
            }
            out.printf("  %-" + width + "s  %-28s %s%s%n", e.name(), e.bundle(), e.description(), settings);
        }
        out.println("(components KIND NAME shows one component's settings)");
    }

    @Descriptor("show the compute providers, the native library each loaded, and the one in use")
    public void compute(CommandSession session) {
        PrintStream out = System.out;
        String inUse = workbench.session().status().components().getOrDefault("compute", "");
        List<ComponentEntry> providers = workbench.catalog().list(ComponentKind.COMPUTE);
        // Before the session has picked one, it will take the highest-ranking provider.
        int top = providers.stream().mapToInt(ComponentEntry::ranking).max().orElse(0);
        boolean automatic = inUse.startsWith("highest ranking");
        for (ComponentEntry e : providers) {
            ComputeService c = workbench.catalog().get(ComponentKind.COMPUTE, e.name(), ComputeService.class);
            boolean used = inUse.equals(e.name()) || inUse.startsWith(e.name() + " ") || (automatic && e.ranking() == top);
            out.printf("%s %-6s ranking %3d  %s%n", used ? "*" : " ", e.name(), e.ranking(), c.library());
        }
        out.println("(* in use; change with: use compute NAME)");
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
