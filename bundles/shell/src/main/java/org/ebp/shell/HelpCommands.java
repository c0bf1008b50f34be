package org.ebp.shell;

import org.ebp.io.Nearest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.session.ComponentEntry;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code help}: our commands grouped with one line each, one command in full, Gogo's and Felix's by
 * scope. Its own declaration is registered by {@link HelpDeclaration}: this component needs the
 * {@link CommandIndex}, which binds every declaration, so declaring here made a service cycle.
 */
@Component(service = HelpCommands.class, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=help"})
public class HelpCommands {

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("help", null, "shell", "the commands with one line each; help COMMAND [SUB] shows one in full",
                    List.of(ArgSpec.free("[COMMAND [SUB]]", "")), List.of()));

    @Reference
    private CommandIndex index;

    @Reference
    private Workbench workbench;

    @Descriptor("help: the commands, grouped, one line each")
    public void help(CommandSession session) {
        PrintStream out = System.out;
        String group = null;
        List<CommandSpec> all = index.all();
        int width = Math.min(44, all.stream().mapToInt(c -> c.fullName().length()).max().orElse(10));
        for (CommandSpec c : all) {
            if (!c.group().equals(group)) {
                group = c.group();
                out.println(group + ":");
            }
            out.printf("  %-" + width + "s  %s%n", c.fullName(), c.summary());
        }
        Map<String, Set<String>> others = otherScopes(session, index.names());
        for (Map.Entry<String, Set<String>> scope : others.entrySet()) {
            out.println(scopeTitle(scope.getKey()) + ":");
            wrap(out, scope.getValue());
        }
        out.println("help COMMAND [SUB] shows one command with its settings; TAB completes commands, names, key= "
                + "and files; Up repeats; Ctrl-C interrupts the running command");
    }

    @Descriptor("help COMMAND [SUB]: one command with its arguments and settings")
    public void help(CommandSession session, @Descriptor("command") String name,
                     @Descriptor("sub-command (optional)") String... sub) throws Exception {
        PrintStream out = System.out;
        String bare = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
        List<CommandSpec> specs = index.named(bare);
        if (specs.isEmpty() || (name.contains(":") && !name.startsWith("ebp:"))) {
            Set<String> known = new TreeSet<>(allCommands(session));
            if (!known.contains(bare) && !known.contains(name)) {
                throw new IllegalArgumentException("no command '" + name + "'" + Nearest.suggestion(bare, known)
                        + "; help lists them");
            }
            // Gogo's and Felix's commands describe themselves.
            session.execute("felix:help " + name);
            return;
        }
        String wanted = sub != null && sub.length > 0 ? sub[0] : null;
        List<CommandSpec> shown = new ArrayList<>();
        for (CommandSpec c : specs) {
            if (wanted == null || wanted.equals(c.sub())) {
                shown.add(c);
            }
        }
        if (shown.isEmpty()) {
            throw new IllegalArgumentException(bare + " has no sub-command '" + wanted + "'"
                    + Nearest.suggestion(wanted, index.subs(bare)) + "; its sub-commands: " + String.join(", ", index.subs(bare)));
        }
        boolean brief = shown.size() > 2 && wanted == null;
        for (CommandSpec c : shown) {
            describe(out, c, brief);
        }
        if (brief) {
            out.println("(help " + bare + " SUB shows one with its settings)");
        }
    }

    private void describe(PrintStream out, CommandSpec c, boolean brief) {
        out.println(c.usage());
        out.println("  " + c.summary());
        if (brief) {
            return;
        }
        for (ArgSpec a : c.args()) {
            if (!a.help().isEmpty()) {
                out.printf("  %-12s %s%n", a.name(), a.help());
            }
        }
        for (ParameterSpec p : c.settings()) {
            out.println("  " + p.summary());
        }
        if (c.componentOf() != null) {
            String kind = c.componentOf().kind() != null ? c.componentOf().kind().id() : "KIND";
            out.println("  and the chosen component's own settings: components " + kind + " NAME lists them");
        }
        if (!c.componentValues().isEmpty()) {
            StringBuilder b = new StringBuilder("  names: ");
            c.componentValues().forEach((key, kind) -> b.append(key).append("= a ").append(kind.id()).append(" (")
                    .append(String.join(", ", names(kind))).append(")  "));
            out.println(b.toString().stripTrailing());
        }
    }

    private List<String> names(org.ebp.api.component.ComponentKind kind) {
        List<String> names = new ArrayList<>();
        for (ComponentEntry e : workbench.catalog().list(kind)) {
            names.add(e.name());
        }
        return names;
    }

    /** Gogo's and Felix's commands (and any other scope's), by scope, without ours. */
    static Map<String, Set<String>> otherScopes(CommandSession session, Set<String> ours) {
        Map<String, Set<String>> byScope = new TreeMap<>();
        for (String scoped : scopedCommands(session)) {
            int colon = scoped.indexOf(':');
            String scope = colon < 0 ? "" : scoped.substring(0, colon);
            String name = scoped.substring(colon + 1);
            if (scope.equals("ebp") || name.startsWith("_") || (scope.equals("launcher") && ours.contains(name))) {
                continue;
            }
            byScope.computeIfAbsent(scope, k -> new TreeSet<>()).add(name);
        }
        return byScope;
    }

    /** Every command as {@code scope:name}, from Gogo's session. */
    @SuppressWarnings("unchecked")
    static Collection<String> scopedCommands(CommandSession session) {
        Object commands = session.get(".commands");
        return commands instanceof Collection<?> c ? (Collection<String>) c : List.of();
    }

    /** Every command word without its scope. */
    public static Set<String> allCommands(CommandSession session) {
        Set<String> names = new TreeSet<>();
        for (String scoped : scopedCommands(session)) {
            names.add(scoped.substring(scoped.indexOf(':') + 1));
        }
        return names;
    }

    private static String scopeTitle(String scope) {
        return switch (scope) {
            case "gogo" -> "Gogo's shell commands (scope gogo; help NAME for one)";
            case "felix" -> "Felix's framework commands (scope felix)";
            case "scr" -> "Declarative Services (scope scr)";
            case "launcher" -> "the launcher (scope launcher)";
            case "cm" -> "Config Admin (scope cm)";
            case "osgi" -> "Gogo's service commands (scope osgi)";
            default -> "scope " + scope;
        };
    }

    private static void wrap(PrintStream out, Collection<String> words) {
        StringBuilder line = new StringBuilder(" ");
        for (String w : words) {
            if (line.length() + w.length() + 1 > 100) {
                out.println(line);
                line = new StringBuilder(" ");
            }
            line.append(' ').append(w);
        }
        if (line.length() > 1) {
            out.println(line);
        }
    }
}
