package org.ebp.api.command;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A service of a bundle that adds shell commands: its commands' declarations. The shell finds
 * every such service, also of bundles that arrive later, and lists, completes and describes their
 * commands like its own.
 */
@ConsumerType
public interface CommandDeclarations {

    /** The declarations, read whenever help or completion needs them (so they may follow the session). */
    List<CommandDeclaration> commands();
}
