package org.ebp.shell;

import org.ebp.io.Nearest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a command threw into one line for the user: the problem and the fix, without Java
 * class names. A wrong argument count or type gives the command's usage; an unknown command the
 * nearest known name.
 */
public final class ShellErrors {

    /** Longest message shown; the rest is cut (a 50 MB CSV cell must not fill the screen). */
    static final int MAX_LENGTH = 400;
    /** Gogo's words when no method of a command fits the arguments. */
    private static final Pattern CANNOT_COERCE = Pattern.compile("Cannot coerce ([\\w:.-]+)\\(");
    private static final String COMMAND_NOT_FOUND = "org.apache.felix.gogo.runtime.CommandNotFoundException";

    private ShellErrors() {
    }

    /**
     * The line to print for a failure.
     *
     * @param index    the declared commands (usage and names); may be null
     * @param commands every command word the shell knows (for suggestions), Gogo's included
     */
    public static String oneLine(Throwable thrown, CommandIndex index, Set<String> commands) {
        Throwable t = unwrap(thrown);
        if (t instanceof OutOfMemoryError) {
            return "not enough memory for that; give the workbench more (EBP_JAVA_OPTS=-Xmx8g) or use smaller data "
                    + "or a smaller network";
        }
        if (t instanceof InterruptedException) {
            return "interrupted (Ctrl-C)";
        }
        if (t instanceof StackOverflowError) {
            return "the command nested too deeply (a closure calling itself?)";
        }
        String message = t.getMessage();
        if (t.getClass().getName().equals(COMMAND_NOT_FOUND)) {
            String command = commandOf(message);
            String bare = command.contains(":") ? command.substring(command.indexOf(':') + 1) : command;
            return "unknown command '" + command + "'" + Nearest.suggestion(bare, commands) + " (help lists the commands)";
        }
        if (message != null) {
            Matcher m = CANNOT_COERCE.matcher(message);
            if (m.find()) {
                String name = m.group(1);
                String bare = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
                return "wrong arguments for " + bare + "; usage: " + usages(index, bare);
            }
        }
        if (message == null || message.isBlank()) {
            return "the command failed (" + t.getClass().getSimpleName() + " without a message); e shows the details";
        }
        return cut(firstLine(message));
    }

    /** The usage lines of a command, joined with " | ". */
    static String usages(CommandIndex index, String name) {
        if (index == null || index.named(name).isEmpty()) {
            return "help " + name;
        }
        StringBuilder b = new StringBuilder();
        for (CommandSpec c : index.named(name)) {
            b.append(b.length() == 0 ? "" : " | ").append(c.usage());
        }
        return b.toString();
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String commandOf(String message) {
        // "Command not found: foo"
        int colon = message == null ? -1 : message.indexOf(": ");
        return colon < 0 ? String.valueOf(message) : message.substring(colon + 2).trim();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String cut(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "... (" + text.length() + " characters)";
    }
}
