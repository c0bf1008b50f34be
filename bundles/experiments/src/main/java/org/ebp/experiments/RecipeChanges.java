package org.ebp.experiments;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ebp.api.experiments.Recipe;

/** What differs between two recipes, in the words of the commands: {@code sampler sequential order=by-class}. */
final class RecipeChanges {

    private RecipeChanges() {
    }

    static String between(Recipe base, Recipe changed) {
        List<String> parts = new ArrayList<>();
        if (!base.transformNames().equals(changed.transformNames()) || !base.transforms().equals(changed.transforms())) {
            parts.add("transforms " + (changed.transforms().isEmpty() ? "none" : String.join(",", changed.transformNames())));
        }
        if (!base.netSpec().equals(changed.netSpec())) {
            parts.add("net " + changed.netSpec());
        }
        List<String> net = settings(base.netSettings(), changed.netSettings());
        if (!net.isEmpty()) {
            parts.add("net " + String.join(" ", net));
        }
        Set<String> kinds = new LinkedHashSet<>(base.components().keySet());
        kinds.addAll(changed.components().keySet());
        for (String kind : kinds) {
            Recipe.Step a = base.component(kind);
            Recipe.Step b = changed.component(kind);
            if (!Objects.equals(a, b)) {
                parts.add(kind + " " + (b == null ? "default" : (b.name() + " " + String.join(" ", settings(Map.of(), b.settings()))).strip()));
            }
        }
        if (base.epochs() != changed.epochs()) {
            parts.add("epochs " + changed.epochs());
        }
        List<String> train = settings(base.train(), changed.train());
        if (!train.isEmpty()) {
            parts.add("train " + String.join(" ", train));
        }
        return String.join("; ", parts);
    }

    /** The keys whose values differ, as key=value (key=- for a removed one). */
    private static List<String> settings(Map<String, String> a, Map<String, String> b) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            if (!Objects.equals(a.get(k), b.get(k))) {
                out.add(k + "=" + (b.get(k) == null ? "-" : b.get(k)));
            }
        }
        return out;
    }
}
