package org.ebp.experiments;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.experiments.AblationVariant;
import org.ebp.io.Nearest;

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
                String near = Nearest.word(name, known);
                throw new IllegalArgumentException(key + "=: no variant '" + name + "'" + (near == null ? ""
                        : " (did you mean '" + near + "'?)") + "; the variants are " + String.join(", ", known));
            }
        }
    }
}
