package org.ebp.experiments;

import java.util.function.UnaryOperator;
import org.ebp.api.experiments.AblationVariant;
import org.ebp.api.experiments.Recipe;

/** A variant declared as data: a name, a line of help and the change it makes to a recipe. */
record DeclaredVariant(String name, String description, UnaryOperator<Recipe> change) implements AblationVariant {

    @Override
    public Recipe apply(Recipe recipe) {
        return change.apply(recipe);
    }
}
