package org.ebp.io;

import java.util.Collection;

/** The known word nearest to a mistyped one, for the "did you mean" hints of every bundle's messages. */
public final class Nearest {

    private Nearest() {
    }

    /** The closest candidate within a few edits (or sharing its start), or null. */
    public static String word(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(typed, c);
            if (c.startsWith(typed) && typed.length() >= 2) {
                d = Math.min(d, 1);
            }
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // More edits than about a third of the word is a different word, not a typo.
        return best != null && bestDistance <= Math.max(1, typed.length() / 3) ? best : null;
    }

    /** {@code "; did you mean 'x'?"} or the empty string. */
    public static String suggestion(String typed, Collection<String> candidates) {
        String w = word(typed, candidates);
        return w == null ? "" : "; did you mean '" + w + "'?";
    }

    /** Damerau-Levenshtein distance (adjacent transpositions count as one edit). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
