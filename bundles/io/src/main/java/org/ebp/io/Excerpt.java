package org.ebp.io;

/**
 * Bad content quoted in a message, cut short: a 50 MB CSV cell or a 1 MB JSON number must not
 * become a 50 MB error line. Short text is quoted whole.
 */
public final class Excerpt {

    /** At most this many characters of bad content appear in a message. */
    public static final int MAX_CHARS = 80;

    private Excerpt() {
    }

    /**
     * {@code text} when it has at most {@link #MAX_CHARS} characters, else its start and the
     * length, e.g. {@code 1111111111... (1048576 characters)}; line breaks are shown as \n so the
     * message stays one line.
     */
    public static String of(CharSequence text) {
        return of(text, MAX_CHARS);
    }

    /**
     * As {@link #of(CharSequence)} with another limit, for text that describes bad content rather
     * than quoting it (a parser's message that may embed a path of huge keys).
     */
    public static String of(CharSequence text, int maxChars) {
        if (text == null) {
            return "null";
        }
        int length = text.length();
        String shown = length <= maxChars ? text.toString() : text.subSequence(0, Math.max(1, maxChars - 20)).toString();
        shown = shown.replace("\r", "\\r").replace("\n", "\\n");
        return length <= maxChars ? shown : shown + "... (" + length + " characters)";
    }
}
