package org.ebp.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ebp.api.command.CommandDeclaration;
import org.ebp.api.command.CommandDeclarations;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Every declared command of the shell, live: command classes that come later are found too. */
@Component(service = CommandIndex.class)
public class CommandIndex {

    /** The order {@code help} lists the groups in; a group not named here comes last. */
    static final List<String> GROUP_ORDER = List.of("data", "network", "training", "inspect", "plots", "dashboard", "runs",
            "experiments", "components",
            "shell");

    private final List<DeclaredCommands> sources = new CopyOnWriteArrayList<>();
    /** Commands of other bundles (plots, dashboard, plugins), declared through the API. */
    private final List<CommandDeclarations> others = new CopyOnWriteArrayList<>();

    public CommandIndex() {
    }

    /** An index over fixed sources (tests). */
    static CommandIndex of(List<? extends DeclaredCommands> sources) {
        CommandIndex index = new CommandIndex();
        index.sources.addAll(sources);
        return index;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(DeclaredCommands source) {
        sources.add(source);
    }

    /** Adds a source outside OSGi (tests of other packages). */
    public void addSourceForTests(DeclaredCommands source) {
        sources.add(source);
    }

    void removeSource(DeclaredCommands source) {
        sources.remove(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDeclarations(CommandDeclarations declarations) {
        others.add(declarations);
    }

    void removeDeclarations(CommandDeclarations declarations) {
        others.remove(declarations);
    }

    /** Adds another bundle's declarations outside OSGi (tests). */
    public void addDeclarationsForTests(CommandDeclarations declarations) {
        others.add(declarations);
    }

    /** The run-time values of a setting, from the source that declares the command (see {@link DeclaredCommands#values}). */
    public List<String> values(CommandSpec command, String key) {
        for (DeclaredCommands source : sources) {
            for (CommandSpec c : source.commands()) {
                if (c.name().equals(command.name()) && java.util.Objects.equals(c.sub(), command.sub())) {
                    return source.values(command, key);
                }
            }
        }
        return List.of();
    }

    /** Every declaration, by group (in {@link #GROUP_ORDER}), then name and sub-command. */
    public List<CommandSpec> all() {
        List<CommandSpec> all = new ArrayList<>();
        for (DeclaredCommands source : sources) {
            all.addAll(source.commands());
        }
        for (CommandDeclarations other : others) {
            for (CommandDeclaration d : other.commands()) {
                all.add(CommandSpec.from(d));
            }
        }
        all.sort(Comparator.comparingInt((CommandSpec c) -> groupRank(c.group())).thenComparing(CommandSpec::group)
                .thenComparing(CommandSpec::name).thenComparing(c -> c.sub() == null ? "" : c.sub()));
        return all;
    }

    /** The command words. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (CommandSpec c : all()) {
            names.add(c.name());
        }
        return names;
    }

    /** The declarations of one command word: the command itself and its sub-commands. */
    public List<CommandSpec> named(String name) {
        List<CommandSpec> found = new ArrayList<>();
        for (CommandSpec c : all()) {
            if (c.name().equals(name)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The sub-command words of a command (empty when it has none). */
    public List<String> subs(String name) {
        List<String> subs = new ArrayList<>();
        for (CommandSpec c : named(name)) {
            if (c.sub() != null) {
                subs.add(c.sub());
            }
        }
        return subs;
    }

    /**
     * The declaration for the words typed: {@code name sub} when {@code sub} is one of its
     * sub-commands, else the command without one; null when unknown.
     */
    public CommandSpec find(String name, String sub) {
        CommandSpec plain = null;
        for (CommandSpec c : named(name)) {
            if (c.sub() == null) {
                plain = c;
            } else if (c.sub().equals(sub)) {
                return c;
            }
        }
        return plain;
    }

    /** The declaration of {@code name sub}, for a command class checking its own words. */
    public static CommandSpec in(List<CommandSpec> specs, String name, String sub) {
        for (CommandSpec c : specs) {
            if (c.name().equals(name) && java.util.Objects.equals(c.sub(), sub)) {
                return c;
            }
        }
        throw new IllegalStateException("no declaration of " + name + (sub == null ? "" : " " + sub));
    }

    private static int groupRank(String group) {
        int i = GROUP_ORDER.indexOf(group);
        return i < 0 ? GROUP_ORDER.size() : i;
    }
}
