package org.ebp.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits a Gogo script into the commands a session executes one at a time, so that a failure can be
 * reported with its line number and the rest of the script skipped.
 *
 * <p>Blank lines and lines starting with {@code #} are skipped. A command continues on the next line
 * when its line ends with a backslash, or while a {@code (}, {@code [} or <code>{</code> opened on it
 * (outside quotes) is not closed yet, so closures and lists can span lines as in the interactive shell.
 */
public final class GogoScript {

    private GogoScript() {
    }

    /**
     * The commands of a script.
     *
     * @throws ScriptSyntaxException when the script ends inside a quote or an open bracket
     */
    public static List<ScriptCommand> parse(List<String> lines) throws ScriptSyntaxException {
        List<ScriptCommand> commands = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int startLine = 0;
        BracketState state = new BracketState();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            boolean continuing = text.length() > 0;
            if (!state.insideQuote() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (!continuing) {
                startLine = i + 1;
            }
            boolean backslashContinues = !state.insideQuote() && endsWithUnescapedBackslash(trimmed);
            String content = backslashContinues ? trimmed.substring(0, trimmed.length() - 1).strip() : line.strip();
            if (continuing) {
                // Inside a block, a newline separates statements as in the interactive shell;
                // after a trailing backslash the line simply goes on.
                text.append(state.lastLineEndedWithBackslash ? " " : "\n");
            }
            text.append(content);
            state.scan(content);
            state.lastLineEndedWithBackslash = backslashContinues;
            if (!backslashContinues && !state.open()) {
                commands.add(new ScriptCommand(startLine, text.toString()));
                text.setLength(0);
                state = new BracketState();
            }
        }
        if (text.length() > 0) {
            ScriptCommand incomplete = new ScriptCommand(startLine, text.toString());
            String reason = state.insideQuote() ? "an unclosed " + state.quote + " quote"
                    : state.brackets.isEmpty() ? "a trailing backslash"
                    : "an unclosed '" + state.brackets.peek() + "'";
            throw new ScriptSyntaxException(incomplete, "the script ends inside the command that starts here (" + reason + ")");
        }
        return commands;
    }

    private static boolean endsWithUnescapedBackslash(String text) {
        int count = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    /** Open brackets and quotes carried from one line to the next. */
    private static final class BracketState {
        final Deque<Character> brackets = new ArrayDeque<>();
        char quote;
        boolean lastLineEndedWithBackslash;

        boolean insideQuote() {
            return quote != 0;
        }

        boolean open() {
            return insideQuote() || !brackets.isEmpty();
        }

        void scan(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote == '\'') {
                    if (c == '\'') {
                        quote = 0;
                    }
                } else if (c == '\\') {
                    i++; // an escaped character never opens or closes anything
                } else if (quote == '"') {
                    if (c == '"') {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '(' || c == '[' || c == '{') {
                    brackets.push(c);
                } else if ((c == ')' || c == ']' || c == '}') && !brackets.isEmpty()) {
                    // A mismatched closer is left for Gogo to report with its own message.
                    brackets.pop();
                }
            }
        }
    }
}
