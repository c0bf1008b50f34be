package org.ebp.api.command;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;

/**
 * One shell command (or sub-command) of a bundle outside the shell: its words, the group
 * {@code help} lists it under, one line of summary, its positional arguments and its
 * {@code key=value} settings (name, type, default, range, help). The command checks what the user
 * typed with {@link #check(Map)}, against this same declaration.
 *
 * @param name      the command word, e.g. {@code plot}
 * @param sub       the sub-command word, e.g. {@code curves}, or null
 * @param group     the heading help lists it under, e.g. {@code inspect}
 * @param summary   one line: what it does
 * @param arguments positional arguments after the command words
 * @param settings  the settings it takes
 */
public record CommandDeclaration(String name, String sub, String group, String summary, List<Argument> arguments,
                                 List<ParameterSpec> settings) {

    /**
     * A positional argument.
     *
     * @param name     as shown in the usage, e.g. {@code [RUN...]}
     * @param help     one line
     * @param kind     what its values are, for completion
     * @param choices  the words it takes when {@code kind} is {@link ArgumentKind#CHOICE}
     */
    public record Argument(String name, String help, ArgumentKind kind, List<String> choices) {
        public Argument {
            Objects.requireNonNull(name, "name");
            help = help == null ? "" : help;
            kind = kind == null ? ArgumentKind.FREE : kind;
            choices = List.copyOf(choices == null ? List.of() : choices);
        }

        public static Argument free(String name, String help) {
            return new Argument(name, help, ArgumentKind.FREE, List.of());
        }

        public static Argument runs(String name, String help) {
            return new Argument(name, help, ArgumentKind.RUN, List.of());
        }
    }

    /** What a positional argument's values are. */
    public enum ArgumentKind {
        /** anything; nothing to complete */
        FREE,
        /** one of {@link Argument#choices()} */
        CHOICE,
        /** a file name, relative to the shell's folder */
        FILE,
        /** the id of a run record */
        RUN
    }

    public CommandDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        summary = summary == null ? "" : summary;
        arguments = List.copyOf(arguments == null ? List.of() : arguments);
        settings = List.copyOf(settings == null ? List.of() : settings);
    }

    /** {@code name} or {@code name sub}. */
    public String fullName() {
        return sub == null ? name : name + " " + sub;
    }

    /**
     * Checks the settings given against this declaration (unknown keys, types, ranges, choices).
     *
     * @throws org.ebp.api.component.InvalidSettingException naming the bad setting and the fix
     */
    public Settings check(Map<String, String> given) {
        return Settings.parse(fullName(), settings, given);
    }
}
