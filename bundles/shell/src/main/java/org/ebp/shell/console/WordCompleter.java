package org.ebp.shell.console;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.session.ComponentEntry;
import org.ebp.shell.ArgSpec;
import org.ebp.shell.CommandIndex;
import org.ebp.shell.CommandSpec;
import org.ebp.shell.ShellPaths;

/**
 * TAB completion from the command declarations: command words, sub-commands, positional
 * arguments (component kinds and names, splits, files), {@code key=} settings of the command and
 * of the component it names, and their values. Independent of JLine, so it is tested directly.
 */
public final class WordCompleter {

    /** Setting keys whose value is a file or folder. */
    static final Set<String> FILE_KEYS = ShellPaths.FILE_KEYS;
    /** Most file names offered at once. */
    private static final int MAX_FILES = 500;

    private final CommandIndex index;
    private final CompletionContext context;

    public WordCompleter(CommandIndex index, CompletionContext context) {
        this.index = index;
        this.context = context;
    }

    /**
     * @param before  the words before the one being completed, the command first
     * @param current the partial word under the cursor (may be empty)
     */
    public List<Suggestion> complete(List<String> before, String current) {
        List<Suggestion> out = new ArrayList<>();
        if (before.isEmpty()) {
            commands(current, out);
            return out;
        }
        String name = bare(before.get(0));
        List<String> subs = index.subs(name);
        if (!subs.isEmpty() && before.size() == 1) {
            for (CommandSpec c : index.named(name)) {
                if (c.sub() != null && c.sub().startsWith(current)) {
                    out.add(new Suggestion(c.sub(), c.summary(), true));
                }
            }
            // A command such as transform also takes a component name where a sub-command would be.
            CommandSpec plain = index.find(name, null);
            if (plain == null || plain.sub() != null) {
                return out;
            }
        }
        CommandSpec spec = index.find(name, before.size() > 1 ? before.get(1) : null);
        if (spec == null) {
            return out;
        }
        int first = spec.sub() == null ? 1 : 2;
        List<String> positional = new ArrayList<>();
        Set<String> givenKeys = new HashSet<>();
        for (String w : before.subList(Math.min(first, before.size()), before.size())) {
            int eq = w.indexOf('=');
            if (eq > 0) {
                givenKeys.add(w.substring(0, eq));
            } else {
                positional.add(w);
            }
        }
        int eq = current.indexOf('=');
        if (eq > 0) {
            value(spec, positional, current.substring(0, eq), current.substring(eq + 1), out);
            return out;
        }
        if (positional.size() < spec.args().size()) {
            argument(spec.args().get(positional.size()).values(), positional, current, out);
        }
        for (ParameterSpec p : settingsOf(spec, positional)) {
            if (!givenKeys.contains(p.name()) && p.name().startsWith(current)) {
                out.add(new Suggestion(p.name() + "=", p.summary(), false));
            }
        }
        return out;
    }

    private void commands(String current, List<Suggestion> out) {
        Set<String> ours = index.names();
        for (String name : ours) {
            if (name.startsWith(current)) {
                CommandSpec first = index.named(name).get(0);
                out.add(new Suggestion(name, first.sub() == null ? first.summary() : "sub-commands: "
                        + String.join(", ", index.subs(name)), true));
            }
        }
        for (String name : new TreeSet<>(context.otherCommands())) {
            if (name.startsWith(current) && !name.startsWith("_") && !ours.contains(name)) {
                out.add(new Suggestion(name, "", true));
            }
        }
    }

    private void argument(ArgSpec.Values values, List<String> positional, String current, List<Suggestion> out) {
        if (values instanceof ArgSpec.Choices c) {
            for (String w : c.words()) {
                if (w.startsWith(current)) {
                    out.add(new Suggestion(w, "", true));
                }
            }
        } else if (values instanceof ArgSpec.Components c) {
            componentNames(c.kind(), current, out);
        } else if (values instanceof ArgSpec.ComponentsOfArg c) {
            ComponentKind kind = kindOf(positional, c.kindArgument());
            if (kind != null) {
                componentNames(kind, current, out);
            }
        } else if (values instanceof ArgSpec.Splits) {
            for (String s : new TreeSet<>(context.splits())) {
                if (s.startsWith(current)) {
                    out.add(new Suggestion(s, "split", true));
                }
            }
        } else if (values instanceof ArgSpec.Files) {
            files("", current, out);
        }
    }

    private void value(CommandSpec spec, List<String> positional, String key, String partial, List<Suggestion> out) {
        String prefix = key + "=";
        if (FILE_KEYS.contains(key)) {
            files(prefix, partial, out);
            return;
        }
        List<String> known = index.values(spec, key);
        if (!known.isEmpty()) {
            listItems(prefix, partial, known, out);
            return;
        }
        ComponentKind kind = spec.componentValues().get(key);
        if (kind != null) {
            for (ComponentEntry e : context.components(kind)) {
                if (e.name().startsWith(partial)) {
                    out.add(new Suggestion(prefix + e.name(), e.description(), true));
                }
            }
            return;
        }
        for (ParameterSpec p : settingsOf(spec, positional)) {
            if (!p.name().equals(key)) {
                continue;
            }
            List<String> choices = p.type() == ParameterSpec.Type.CHOICE ? p.choices()
                    : p.type() == ParameterSpec.Type.BOOLEAN ? List.of("true", "false") : List.of();
            for (String c : choices) {
                if (c.startsWith(partial)) {
                    out.add(new Suggestion(prefix + c, "", true));
                }
            }
            if (choices.isEmpty() && partial.isEmpty() && p.defaultValue() != null) {
                out.add(new Suggestion(prefix + p.defaultValue(), "default; " + p.help(), true));
            }
        }
    }

    /** {@code key=a,b,c}: completes the item after the last comma, leaving out those already given. */
    private static void listItems(String prefix, String partial, List<String> known, List<Suggestion> out) {
        int comma = partial.lastIndexOf(',');
        String given = partial.substring(0, comma + 1);
        String item = partial.substring(comma + 1);
        List<String> taken = List.of(given.split(","));
        for (String v : known) {
            if (v.startsWith(item) && !taken.contains(v)) {
                out.add(new Suggestion(prefix + given + v, "", false)); // a comma and another may follow
            }
        }
    }

    /** The command's own settings, then those of the component its arguments name. */
    private List<ParameterSpec> settingsOf(CommandSpec spec, List<String> positional) {
        List<ParameterSpec> all = new ArrayList<>(spec.settings());
        CommandSpec.ComponentSettings from = spec.componentOf();
        if (from != null && positional.size() > from.nameArgument()) {
            ComponentKind kind = from.kind() != null ? from.kind() : kindOf(positional, from.kindArgument());
            String name = positional.get(from.nameArgument());
            if (kind != null) {
                for (ComponentEntry e : context.components(kind)) {
                    if (e.name().equals(name)) {
                        all.addAll(e.parameters());
                    }
                }
            }
        }
        return all;
    }

    private void componentNames(ComponentKind kind, String current, List<Suggestion> out) {
        for (ComponentEntry e : context.components(kind)) {
            if (e.name().startsWith(current)) {
                out.add(new Suggestion(e.name(), e.description(), true));
            }
        }
    }

    private static ComponentKind kindOf(List<String> positional, int argument) {
        if (argument < 0 || positional.size() <= argument) {
            return null;
        }
        try {
            return ComponentKind.parse(positional.get(argument));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Files and folders matching a partial path, relative to the shell's folder; folders go on with '/'. */
    private void files(String prefix, String partial, List<Suggestion> out) {
        int slash = partial.lastIndexOf('/');
        String folderPart = slash < 0 ? "" : partial.substring(0, slash + 1);
        String namePart = partial.substring(slash + 1);
        Path folder = folderPart.isEmpty() ? context.currentDir() : context.currentDir().resolve(expandHome(folderPart));
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Suggestion> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                if (!fileName.startsWith(namePart) || (fileName.startsWith(".") && !namePart.startsWith("."))) {
                    continue;
                }
                boolean dir = Files.isDirectory(entry);
                found.add(new Suggestion(prefix + folderPart + fileName + (dir ? "/" : ""), "", !dir));
                if (found.size() >= MAX_FILES) {
                    break;
                }
            }
        } catch (IOException | SecurityException e) {
            return; // an unreadable folder offers nothing
        }
        found.sort(java.util.Comparator.comparing(Suggestion::value));
        out.addAll(found);
    }

    private static String expandHome(String folder) {
        return folder.startsWith("~/") ? System.getProperty("user.home") + folder.substring(1) : folder;
    }

    private static String bare(String command) {
        int colon = command.indexOf(':');
        return colon < 0 ? command : command.substring(colon + 1);
    }
}
