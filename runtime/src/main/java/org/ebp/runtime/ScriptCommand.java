package org.ebp.runtime;

/**
 * One command of a Gogo script.
 *
 * @param line the script line the command starts on (1-based)
 * @param text the command as Gogo executes it; several lines joined when a block spans them
 */
public record ScriptCommand(int line, String text) {
}
