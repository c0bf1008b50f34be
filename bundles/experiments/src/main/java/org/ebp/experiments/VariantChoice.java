package org.ebp.experiments;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.experiments.AblationVariant;

/** {@code ablate only=a,b skip=c}: which variants run, every name checked against the known ones first. */
final class VariantChoice {

    private VariantChoice() {
    }

    /**
     * The variants named in {@code only} (all when it is empty) less those in {@code skip}, in the
     * variants' order.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static List<AblationVariant> chosen(List<AblationVariant> variants, List<String> only, List<String> skip) {
        List<String> known = variants.stream().map(AblationVariant::name).toList();
        check("only", only, known);
        check("skip", skip, known);
        List<AblationVariant> out = new ArrayList<>();
        for (AblationVariant v : variants) {
            if ((only.isEmpty() || only.contains(v.name())) && !skip.contains(v.name())) {
                out.add(v);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("only=" + String.join(",", only) + (skip.isEmpty() ? "" : " skip="
                    + String.join(",", skip)) + " leaves no variant to compare with the recipe; name at least one of: "
                    + String.join(", ", known));
        }
        return out;
    }

    private static void check(String key, List<String> names, List<String> known) {
        for (String name : names) {
            if (!known.contains(name)) {
                String near = nearest(name, known);
                throw new IllegalArgumentException(key + "=: no variant '" + name + "'" + (near == null ? ""
                        : " (did you mean '" + near + "'?)") + "; the variants are " + String.join(", ", known));
            }
        }
    }

    /** The known name within two edits, or one that starts with or contains the given one. */
    private static String nearest(String name, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best == null) {
            best = known.stream().filter(k -> k.contains(name) && name.length() >= 3).findFirst().orElse(null);
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
