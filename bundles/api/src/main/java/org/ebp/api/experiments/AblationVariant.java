package org.ebp.api.experiments;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One trick of the paper switched off or replaced, as a change to a recipe: an ablation runs the
 * recipe and every variant with the same seeds and budget. Variants are services; a plugin adds one
 * by registering an {@code AblationVariant} (with the service property {@code ebp.name}).
 */
@ConsumerType
public interface AblationVariant {

    /** Kebab-case, unique, e.g. {@code no-shuffling}. */
    String name();

    /** One line: what it changes and which section of the paper the trick comes from. */
    String description();

    /**
     * The recipe with the trick switched off.
     *
     * @throws IllegalArgumentException saying why the variant does not apply (e.g. the recipe has no annealing)
     */
    Recipe apply(Recipe recipe);
}
