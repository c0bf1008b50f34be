package org.ebp.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.Trial;
import org.ebp.api.session.UnknownComponentException;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.recipes.RecipeService;
import org.ebp.engine.runs.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid and random sweeps: the points they make, the best first, and bad input refused before anything runs. */
class SweepOnDigitsTest {

    @TempDir
    Path home;

    private StudyService studies() {
        RecipeService runner = new RecipeService(RealComponents.catalog(), new StratifiedSplitter(), new RunFolder(home));
        return new StudyService(runner, RealComponents.catalog(), List.of());
    }

    private static Map<String, String> axes(String... keyValues) {
        return AblationOnDigitsTest.map(keyValues);
    }

    @Test
    void aGridOfLearningRatesRunsEveryPointAndPutsTheBestFirst() {
        StudyService studies = studies();
        Recipe recipe = AblationOnDigitsTest.digitsRecipe(2);
        Study study = studies.sweep(recipe, "optimizer", "sgd", axes("lr=0.00001,0.01"), false, 0, 1);
        assertEquals(List.of("lr=0.00001", "lr=0.01"), study.trials().stream().map(Trial::label).toList());
        assertEquals("0.01", study.trials().get(1).recipe().component("optimizer").settings().get("lr"));
        StudyReport report = studies.run(study, new StudyPlan(1, Double.NaN, 2, "sweep-test"), null);
        assertEquals(2, report.runsDone());
        assertEquals("lr=0.01", report.rows().get(0).trial().label(), "a rate 1000 times smaller learns far less in 2 epochs");
        assertTrue(report.rows().get(1).testError() > report.rows().get(0).testError() + 0.2, report.rows().toString());
        assertEquals("lr=0.01", report.best().trial().label());
    }

    @Test
    void aGridMultipliesItsAxesAndARangeDrawsSamplesReproducibly() {
        StudyService studies = studies();
        Recipe recipe = AblationOnDigitsTest.digitsRecipe(2);
        Study grid = studies.sweep(recipe, "net", null, axes("spec=64-10-10,64-30-10", "init=fan-in,uniform"), false, 0, 1);
        assertEquals(4, grid.trials().size());
        assertEquals("64-10-10", grid.trials().get(0).recipe().netSpec());
        assertEquals("uniform", grid.trials().get(3).recipe().netSettings().get("init"));
        Study random = studies.sweep(recipe, "optimizer", "momentum", axes("lr=0.001..0.1", "mu=0.5,0.9"), true, 5, 7);
        assertEquals(5, random.trials().size());
        for (Trial t : random.trials()) {
            double lr = Double.parseDouble(t.recipe().component("optimizer").settings().get("lr"));
            assertTrue(lr >= 0.001 && lr <= 0.1, t.label());
            assertEquals("momentum", t.recipe().component("optimizer").name());
        }
        Study again = studies.sweep(recipe, "optimizer", "momentum", axes("lr=0.001..0.1", "mu=0.5,0.9"), true, 5, 7);
        assertEquals(random.trials().stream().map(Trial::label).toList(), again.trials().stream().map(Trial::label).toList());
        Study schedule = studies.sweep(recipe, "schedule", "annealing", axes("t0=1000,20000"), false, 0, 1);
        assertEquals("1000", schedule.trials().get(0).recipe().component("schedule").settings().get("t0"));
    }

    @Test
    void badInputIsOneLineNamingTheProblem() {
        StudyService studies = studies();
        Recipe recipe = AblationOnDigitsTest.digitsRecipe(2);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> studies.sweep(recipe, "optimizer", "sgd", axes("rate=0.1,0.2"), false, 0, 1));
        assertEquals("optimizer sgd has no setting 'rate'; it has [lr]", unknown.getMessage());
        assertThrows(UnknownComponentException.class, () -> studies.sweep(recipe, "optimizer", "sdg", axes("lr=0.1"), false, 0, 1));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> studies.sweep(recipe, "optimizer", "sgd", new LinkedHashMap<>(), false, 0, 1));
        assertTrue(empty.getMessage().startsWith("empty grid"), empty.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> studies.sweep(recipe, "optimizer", "sgd", axes("lr=0.1,-1"), false, 0, 1));
        assertTrue(range.getMessage().contains("lr"), range.getMessage());
        IllegalArgumentException noSamples = assertThrows(IllegalArgumentException.class,
                () -> studies.sweep(recipe, "optimizer", "sgd", axes("lr=0.001..0.1"), true, 0, 1));
        assertTrue(noSamples.getMessage().contains("samples=N"), noSamples.getMessage());
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> studies.sweep(recipe, "optimizer", "sgd", axes("lr=0.1..0.001"), false, 3, 1));
        assertTrue(backwards.getMessage().startsWith("empty range"), backwards.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> studies.sweep(recipe, "loss", "mse", axes("x=1"), false, 0, 1));
        assertTrue(kind.getMessage().startsWith("sweep cannot vary 'loss'"), kind.getMessage());
        assertThrows(UnknownComponentException.class,
                () -> studies.sweep(recipe, "net", null, axes("init=fan-in,no-such-init"), false, 0, 1));
        assertEquals(0, new RunFolder(home).list().runs().size(), "nothing ran");
    }

    @Test
    void aVariantFromAPluginJoinsTheAblationAndANameClashIsNoted() {
        RecipeService runner = new RecipeService(RealComponents.catalog(), new StratifiedSplitter(), new RunFolder(home));
        DeclaredVariant wider = new DeclaredVariant("wider", "twice the hidden units",
                r -> new Recipe(r.data(), r.split(), r.transforms(), "64-60-10", r.netSettings(), r.components(), r.epochs(), r.train()));
        DeclaredVariant clash = new DeclaredVariant("class-sorted", "another", r -> r);
        StudyService studies = new StudyService(runner, RealComponents.catalog(), List.of(wider, clash));
        Study study = studies.ablation(AblationOnDigitsTest.digitsRecipe(2));
        assertEquals("wider", study.trials().get(study.trials().size() - 1).label());
        assertEquals("net 64-60-10", study.trials().get(study.trials().size() - 1).change());
        assertTrue(study.notes().contains("class-sorted from a plugin: a variant of that name exists already"), study.notes().toString());
    }
}
