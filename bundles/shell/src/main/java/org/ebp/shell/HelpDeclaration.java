package org.ebp.shell;

import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The declaration of {@code help} for the {@link CommandIndex}, apart from {@link HelpCommands}, which uses the index. */
@Component(service = DeclaredCommands.class)
public class HelpDeclaration implements DeclaredCommands {

    @Override
    public List<CommandSpec> commands() {
        return HelpCommands.COMMANDS;
    }
}
