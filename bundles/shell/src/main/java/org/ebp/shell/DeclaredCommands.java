package org.ebp.shell;

import java.util.List;

/**
 * A service of the shell bundle whose commands are declared with {@link CommandSpec}s. Every command
 * class registers as one (besides its own class), and {@code help} and TAB completion find the
 * declarations through it, also of command classes added later.
 */
public interface DeclaredCommands {

    List<CommandSpec> commands();

    /**
     * The values TAB offers for a text setting whose values are known only at run time (e.g.
     * ablate's variants, which plugins add), or none. Comma lists complete their last item.
     */
    default List<String> values(CommandSpec command, String key) {
        return List.of();
    }
}
