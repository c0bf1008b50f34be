package org.ebp.api.experiments;

import java.util.List;

/**
 * The configurations to run: an ablation's recipe and variants, or a sweep's points.
 *
 * @param kind   {@code ablate} or {@code sweep}
 * @param title  one line, e.g. {@code ablate digits 64-30-10 sgd}
 * @param trials the configurations, the recipe first in an ablation
 * @param notes  what was left out and why (a variant that does not apply)
 */
public record Study(String kind, String title, List<Trial> trials, List<String> notes) {

    public Study {
        trials = List.copyOf(trials);
        notes = List.copyOf(notes);
    }
}
