package org.ebp.shell;

import java.util.List;
import org.ebp.api.component.ComponentKind;

/**
 * One positional argument of a command: its name in the usage, a line of help, and what values it
 * takes (which is what TAB offers).
 *
 * @param name   as shown in the usage, e.g. {@code EPOCHS}
 * @param help   one line
 * @param values what the argument can be
 */
public record ArgSpec(String name, String help, Values values) {

    /** What values an argument takes. */
    public sealed interface Values {
    }

    /** Free text or a number; nothing to complete. */
    public record Free() implements Values {
    }

    /** One of fixed words. */
    public record Choices(List<String> words) implements Values {
    }

    /** The name of a registered component of one kind (live from the registry). */
    public record Components(ComponentKind kind) implements Values {
    }

    /** The name of a component of the kind given by an earlier argument (as in {@code use KIND NAME}). */
    public record ComponentsOfArg(int kindArgument) implements Values {
    }

    /** A file name, relative to the shell's current folder. */
    public record Files() implements Values {
    }

    /** The name of one of the session's splits. */
    public record Splits() implements Values {
    }

    public static ArgSpec free(String name, String help) {
        return new ArgSpec(name, help, new Free());
    }

    public static ArgSpec choice(String name, String help, String... words) {
        return new ArgSpec(name, help, new Choices(List.of(words)));
    }

    public static ArgSpec component(String name, String help, ComponentKind kind) {
        return new ArgSpec(name, help, new Components(kind));
    }

    public static ArgSpec file(String name, String help) {
        return new ArgSpec(name, help, new Files());
    }

    public static ArgSpec split(String name, String help) {
        return new ArgSpec(name, help, new Splits());
    }
}
