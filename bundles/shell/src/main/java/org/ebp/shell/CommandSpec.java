package org.ebp.shell;

import org.ebp.io.Nearest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;

/**
 * The one declaration of a shell command (or sub-command): name, group, positional arguments and
 * {@code key=value} settings with their types, defaults, ranges and help. {@code help}, TAB
 * completion and the check of the settings all read it, so they cannot drift apart.
 *
 * <p>Command classes declare their commands as a static list and register as {@link DeclaredCommands};
 * they call {@link #settings(String[], int)} to check and parse what the user typed.
 *
 * @param name         the command word, e.g. {@code data}
 * @param sub          the sub-command word, e.g. {@code load}, or null for a command without one
 * @param group        the heading {@code help} lists it under, e.g. {@code data}
 * @param summary      one line: what it does
 * @param args         positional arguments after the command (and sub-command) words
 * @param settings     the {@code key=value} settings the command itself takes
 * @param openSettings true when other keys are allowed too (checked further by the session, e.g.
 *                     a component's own settings)
 * @param componentOf  which component's own settings also apply (completion and help), or null
 * @param componentValues settings whose value names a component of a kind, e.g. {@code init} an
 *                     initializer (TAB offers the registered names)
 */
public record CommandSpec(String name, String sub, String group, String summary, List<ArgSpec> args,
                          List<ParameterSpec> settings, boolean openSettings, ComponentSettings componentOf,
                          java.util.Map<String, ComponentKind> componentValues) {

    /**
     * Where a command's extra settings come from: the component named by an argument, e.g.
     * {@code use KIND NAME} (kind from argument 0, name from 1) or {@code data load SOURCE}.
     *
     * @param kind         a fixed kind, or null when {@code kindArgument} names it
     * @param kindArgument index of the argument that names the kind, or -1
     * @param nameArgument index of the argument that names the component
     */
    public record ComponentSettings(ComponentKind kind, int kindArgument, int nameArgument) {
    }

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        summary = summary == null ? "" : summary;
        args = List.copyOf(args == null ? List.of() : args);
        settings = List.copyOf(settings == null ? List.of() : settings);
        componentValues = java.util.Map.copyOf(componentValues == null ? java.util.Map.of() : componentValues);
    }

    /** A command with fixed settings only. */
    public static CommandSpec of(String name, String sub, String group, String summary, List<ArgSpec> args,
                                 List<ParameterSpec> settings) {
        return new CommandSpec(name, sub, group, summary, args, settings, false, null, null);
    }

    /**
     * The shell's form of a command another bundle declares through the API (plots, dashboard,
     * plugins): the same words, arguments and settings, checked by that bundle against the same
     * declaration.
     */
    public static CommandSpec from(org.ebp.api.command.CommandDeclaration d) {
        List<ArgSpec> args = new ArrayList<>();
        for (org.ebp.api.command.CommandDeclaration.Argument a : d.arguments()) {
            ArgSpec.Values values = switch (a.kind()) {
                case CHOICE -> new ArgSpec.Choices(a.choices());
                case FILE -> new ArgSpec.Files();
                case FREE, RUN -> new ArgSpec.Free();
            };
            args.add(new ArgSpec(a.name(), a.help(), values));
        }
        return of(d.name(), d.sub(), d.group(), d.summary(), args, d.settings());
    }

    /** This declaration, also taking the settings of the component its arguments name. */
    public CommandSpec withComponentSettings(ComponentSettings from) {
        return new CommandSpec(name, sub, group, summary, args, settings, true, from, componentValues);
    }

    /** This declaration, also taking keys it does not declare (the session checks them). */
    public CommandSpec withOpenSettings() {
        return new CommandSpec(name, sub, group, summary, args, settings, true, componentOf, componentValues);
    }

    /** This declaration, with settings whose values are component names of a kind. */
    public CommandSpec withComponentValues(java.util.Map<String, ComponentKind> values) {
        return new CommandSpec(name, sub, group, summary, args, settings, openSettings, componentOf, values);
    }

    /** This declaration with more settings (e.g. the ones the session declares for the command). */
    public CommandSpec withMoreSettings(List<ParameterSpec> more) {
        List<ParameterSpec> all = new ArrayList<>(settings);
        all.addAll(more);
        return new CommandSpec(name, sub, group, summary, args, all, openSettings, componentOf, componentValues);
    }

    /** {@code name} or {@code name sub}. */
    public String fullName() {
        return sub == null ? name : name + " " + sub;
    }

    /** The usage line, e.g. {@code train EPOCHS [batch=1] [eval=auto] [seed=1] [background=false]}. */
    public String usage() {
        StringBuilder b = new StringBuilder(fullName());
        for (ArgSpec a : args) {
            b.append(' ').append(a.name());
        }
        for (ParameterSpec p : settings) {
            b.append(p.required() ? " " : " [").append(p.name()).append('=')
                    .append(p.required() ? "..." : p.defaultValue()).append(p.required() ? "" : "]");
        }
        if (openSettings) {
            b.append(" [key=value...]");
        }
        return b.toString();
    }

    /** The declared setting of that name, or null. */
    public ParameterSpec setting(String key) {
        for (ParameterSpec p : settings) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Parses {@code key=value} words from {@code from} on and checks every declared key (type,
     * range, choices) against this declaration; unknown keys are refused unless settings are open.
     * Values are returned as typed; defaults are not filled in, so the session still knows what was
     * given.
     *
     * @throws IllegalArgumentException naming the bad word and the fix
     */
    public java.util.LinkedHashMap<String, String> settings(String[] words, int from) {
        java.util.LinkedHashMap<String, String> given = KeyValues.parse(words, from);
        for (var e : given.entrySet()) {
            ParameterSpec p = setting(e.getKey());
            if (p == null) {
                if (!openSettings) {
                    throw new IllegalArgumentException(fullName() + " has no setting '" + e.getKey() + "'"
                            + Nearest.suggestion(e.getKey(), settingNames()) + "; usage: " + usage());
                }
                continue;
            }
            // Settings.parse gives the same messages as component settings do (type, range, NaN).
            org.ebp.api.component.Settings.parse(fullName(), List.of(p), java.util.Map.of(e.getKey(), e.getValue()));
        }
        return given;
    }

    private List<String> settingNames() {
        List<String> names = new ArrayList<>();
        for (ParameterSpec p : settings) {
            names.add(p.name());
        }
        return names;
    }
}
