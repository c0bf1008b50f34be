package org.ebp.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.Trial;
import org.ebp.api.runs.RunRecord;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.recipes.RecipeService;
import org.ebp.engine.runs.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stop (Ctrl-C in the console) ends a study: the running run stops at a step, the rest never start, the table has what ended. */
class StopStudyTest {

    @TempDir
    Path home;

    @Test
    void stopEndsTheRunningRunsAndDropsTheOthers() {
        RecipeService runner = new RecipeService(RealComponents.catalog(), new StratifiedSplitter(), new RunFolder(home));
        StudyService studies = new StudyService(runner, RealComponents.catalog(), List.of());
        assertFalse(studies.stop(), "nothing running");
        Recipe quick = AblationOnDigitsTest.digitsRecipe(1);
        Recipe endless = AblationOnDigitsTest.digitsRecipe(100_000);
        Study study = new Study("sweep", "stop test", List.of(new Trial("quick", "", quick), new Trial("endless", "", endless),
                new Trial("never", "", endless)), List.of());
        StudyReport report = studies.run(study, new StudyPlan(1, Double.NaN, 1, "stop-test"),
                (done, total, trial, seed, result, eta) -> assertTrue(studies.stop(), "the study is running"));
        assertTrue(report.stopped());
        assertFalse(Thread.currentThread().isInterrupted(), "a stop is not an interrupt of the caller");
        assertEquals(1, report.runsDone());
        assertEquals(List.of("quick"), report.rows().stream().map(r -> r.trial().label()).toList());
        List<RunRecord> runs = new RunFolder(home).list().runs();
        assertEquals(2, runs.size(), "the third run never started");
        assertTrue(runs.get(1).outcome().startsWith("stopped"), runs.get(1).outcome());
        assertFalse(studies.stop(), "nothing running any more");
    }

    /**
     * A runner whose runs fail when they are stopped, as a cluster run cancelled on its member does:
     * the stopped run is left out of the table (as locally, where it ends as a cut-short result), not
     * shown as a failed configuration.
     */
    @Test
    void aRunThatFailsBecauseItWasStoppedIsLeftOutNotShownAsFailed() {
        RecipeService local = new RecipeService(RealComponents.catalog(), new StratifiedSplitter(), new RunFolder(home));
        Recipe quick = AblationOnDigitsTest.digitsRecipe(1);
        Recipe endless = AblationOnDigitsTest.digitsRecipe(100_000);
        org.ebp.api.experiments.RecipeRunner cancelling = new org.ebp.api.experiments.RecipeRunner() {
            @Override
            public Recipe recipeOf(org.ebp.api.session.TrainingSession session, int epochs) {
                return local.recipeOf(session, epochs);
            }

            @Override
            public org.ebp.api.experiments.RecipeResult run(Recipe recipe, String group,
                                                            org.ebp.api.session.TrainingListener listener) {
                if (recipe.epochs() < 1000) { // the endless one (the study re-seeds each recipe, so not by identity)
                    return local.run(recipe, group, listener);
                }
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("stopped: the run on 127.0.0.1:5702 was cancelled");
                }
                throw new AssertionError("the stop did not interrupt the run");
            }

            @Override
            public List<org.ebp.api.session.EpochReport> runIn(org.ebp.api.session.TrainingSession session, Recipe recipe,
                                                              org.ebp.api.session.TrainingListener listener) {
                return local.runIn(session, recipe, listener);
            }
        };
        StudyService studies = new StudyService(cancelling, RealComponents.catalog(), List.of());
        Study study = new Study("sweep", "stop test", List.of(new Trial("quick", "", quick), new Trial("endless", "", endless)),
                List.of());
        StudyReport report = studies.run(study, new StudyPlan(1, Double.NaN, 2, "cancel-test"),
                (done, total, trial, seed, result, eta) -> assertTrue(studies.stop(), "the study is running"));
        assertTrue(report.stopped());
        assertEquals(1, report.runsDone());
        assertEquals(List.of("quick"), report.rows().stream().map(r -> r.trial().label()).toList());
        String table = String.join("\n", studies.table(report));
        assertFalse(table.contains("failed"), table);
    }

    @Test
    void aConfigurationWhoseRunsFailIsARowThatSaysWhyAndComesLast() {
        RecipeService runner = new RecipeService(RealComponents.catalog(), new StratifiedSplitter(), new RunFolder(home));
        StudyService studies = new StudyService(runner, RealComponents.catalog(), List.of());
        Recipe quick = AblationOnDigitsTest.digitsRecipe(1);
        Recipe broken = quick.withComponent("optimizer", new Recipe.Step("no-such-optimizer", java.util.Map.of()));
        Study study = new Study("ablate", "failure test", List.of(new Trial("recipe", "", quick),
                new Trial("broken", "optimizer no-such-optimizer", broken)), List.of());
        List<String> messages = new java.util.ArrayList<>();
        StudyReport report = studies.run(study, new StudyPlan(2, Double.NaN, 2, "fail-test"),
                new org.ebp.api.experiments.StudyListener() {
                    @Override
                    public void runFinished(int done, int total, Trial trial, int seed, org.ebp.api.experiments.RecipeResult r,
                                            double eta) {
                    }

                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                });
        assertEquals(2, report.runsDone());
        assertEquals(List.of("recipe", "broken"), report.rows().stream().map(r -> r.trial().label()).toList());
        org.ebp.api.experiments.StudyRow failed = report.rows().get(1);
        assertEquals(0, failed.runs());
        assertEquals(2, failed.failures().size());
        assertTrue(failed.failures().get(0).contains("no-such-optimizer"), failed.failures().toString());
        assertTrue(Double.isNaN(failed.testError()));
        assertEquals("recipe", report.best().trial().label());
        String table = String.join("\n", studies.table(report));
        assertTrue(table.contains("2 of 2 runs failed: "), table);
        assertEquals(2, messages.size(), messages.toString());
    }
}
