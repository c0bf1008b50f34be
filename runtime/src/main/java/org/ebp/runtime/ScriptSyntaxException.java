package org.ebp.runtime;

/** A script that cannot be split into commands, for example a block left open at the end. */
public final class ScriptSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ScriptCommand command;

    public ScriptSyntaxException(ScriptCommand command, String message) {
        super(message);
        this.command = command;
    }

    /** The (incomplete) command the problem is in. */
    public ScriptCommand command() {
        return command;
    }
}
