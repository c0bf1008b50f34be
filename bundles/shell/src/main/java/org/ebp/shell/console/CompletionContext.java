package org.ebp.shell.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentEntry;

/** What completion needs to know about the live workbench; asked anew at every TAB. */
public interface CompletionContext {

    /** Commands of other scopes (Gogo's, Felix's), without their scope. */
    Set<String> otherCommands();

    /** The registered components of a kind, now (a plugin's appear as soon as it arrives). */
    List<ComponentEntry> components(ComponentKind kind);

    /** The session's split names. */
    Set<String> splits();

    /** The shell's current folder ({@code cd}). */
    Path currentDir();
}
