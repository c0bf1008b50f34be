package org.ebp.shell.console;

/**
 * One TAB candidate.
 *
 * @param value       the word to insert
 * @param description shown next to it, or empty
 * @param complete    false when the word goes on (a {@code key=}, a folder), so no space follows
 */
public record Suggestion(String value, String description, boolean complete) {
}
