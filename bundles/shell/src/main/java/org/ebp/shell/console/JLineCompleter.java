package org.ebp.shell.console;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Hands {@link WordCompleter}'s suggestions to JLine. */
final class JLineCompleter implements Completer {

    private final WordCompleter words;

    JLineCompleter(WordCompleter words) {
        this.words = words;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> all = line.words();
        int at = Math.min(line.wordIndex(), all.size());
        // Only the current command of a line such as "data load digits; tra<TAB>" counts.
        int start = 0;
        for (int i = 0; i < at; i++) {
            if (all.get(i).equals(";") || all.get(i).equals("|")) {
                start = i + 1;
            }
        }
        String current = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        List<Suggestion> found;
        try {
            found = words.complete(all.subList(start, at), current);
        } catch (RuntimeException e) {
            // A component going away mid-TAB, say: offer nothing rather than break the line being typed.
            if (Boolean.getBoolean("ebp.debug")) {
                e.printStackTrace();
            }
            return;
        }
        for (Suggestion s : found) {
            candidates.add(new Candidate(s.value(), s.value(), null, s.description().isEmpty() ? null : s.description(),
                    null, null, s.complete()));
        }
    }
}
