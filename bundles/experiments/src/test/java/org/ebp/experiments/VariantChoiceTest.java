package org.ebp.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ebp.api.experiments.AblationVariant;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.Trial;
import org.junit.jupiter.api.Test;

/** ablate only=... skip=...: the chosen variants in their order, and an unknown name refused with the known ones. */
class VariantChoiceTest {

    private final AblationVariant fromPlugin = new DeclaredVariant("no-momentum", "a plugin's variant",
            r -> r.withComponent("optimizer", new Recipe.Step("sgd", java.util.Map.of("lr", "0.02"))));
    private final StudyService studies = new StudyService(null, null, List.of(fromPlugin));
    private final Recipe recipe = AblationOnDigitsTest.digitsRecipe(4);

    private static List<String> labels(Study study) {
        return study.trials().stream().map(Trial::label).toList();
    }

    @Test
    void onlyRunsTheNamedVariantsInTheirOrderAndSkipLeavesOut() {
        assertEquals(List.of("recipe", "class-sorted", "no-annealing"),
                labels(studies.ablation(recipe, List.of("no-annealing", "class-sorted"), List.of())));
        Study skipped = studies.ablation(recipe, List.of(), List.of("logistic-units", "no-momentum"));
        assertEquals(List.of("recipe", "no-standardization", "targets-at-asymptotes", "unit-variance-init", "class-sorted",
                "no-annealing"), labels(skipped));
        // a chosen variant that does not apply still says why
        Study none = studies.ablation(recipe, List.of("plain-sgd", "no-momentum"), List.of());
        assertEquals(List.of("recipe", "no-momentum"), labels(none));
        assertEquals(List.of("plain-sgd: the recipe's optimizer is sgd already"), none.notes());
    }

    @Test
    void anUnknownVariantIsOneLineWithTheNearestAndEveryKnownName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> studies.ablation(recipe, List.of("class-sort"), List.of()));
        assertEquals("only=: no variant 'class-sort' (did you mean 'class-sorted'?); the variants are no-standardization, "
                + "no-decorrelation, logistic-units, targets-at-asymptotes, unit-variance-init, class-sorted, no-annealing, "
                + "no-per-weight-rates, plain-sgd, no-momentum", e.getMessage());
        IllegalArgumentException skip = assertThrows(IllegalArgumentException.class,
                () -> studies.ablation(recipe, List.of(), List.of("xyz")));
        assertTrue(skip.getMessage().startsWith("skip=: no variant 'xyz'; the variants are no-standardization, "),
                skip.getMessage());
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> studies.ablation(recipe, List.of("class-sorted"), List.of("class-sorted")));
        assertTrue(nothing.getMessage().startsWith("only=class-sorted skip=class-sorted leaves no variant to compare"),
                nothing.getMessage());
        assertEquals(10, studies.variantNames().size());
        assertEquals("no-momentum", studies.variantNames().get(9));
    }
}
