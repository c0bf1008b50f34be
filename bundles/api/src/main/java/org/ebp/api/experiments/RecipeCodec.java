package org.ebp.api.experiments;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Recipes as text: the {@code ebp-experiment} JSON document of experiment files (README
 * "Experiments"), so that a recipe can travel to another workbench (a cluster member) and be read
 * back there exactly. Thread-safe.
 *
 * @since 1.1
 */
@ProviderType
public interface RecipeCodec {

    /** The recipe as an {@code ebp-experiment} document. */
    String toJson(Recipe recipe);

    /**
     * Reads an {@code ebp-experiment} document.
     *
     * @param source names the text in messages (a file, a member)
     * @throws IllegalArgumentException naming the source and the problem (format, version, a field)
     */
    Recipe fromJson(String source, String json);
}
