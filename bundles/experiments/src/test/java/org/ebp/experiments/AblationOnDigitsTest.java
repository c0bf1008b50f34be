package org.ebp.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.StudyRow;
import org.ebp.api.experiments.Trial;
import org.ebp.api.runs.RunRecord;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.recipes.RecipeService;
import org.ebp.engine.runs.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ablation of the paper's recipe on the bundled digits (1,797 images; 80/20 stratified split):
 * standardized inputs, 64-30-10 scaled tanh with targets +-1, fan-in initialisation, shuffling,
 * online SGD with c/(t + t0) annealing, 4 epochs, 2 seeds, two runs at once.
 */
class AblationOnDigitsTest {

    @TempDir
    Path home;

    static Recipe digitsRecipe(int epochs) {
        return new Recipe(new Recipe.Step("digits", Map.of()), map("train=0.8", "test=0.2", "seed=42"),
                List.of(new Recipe.Step("standardize", Map.of())), "64-30-10",
                map("activation=scaled-tanh", "coding=pm1", "init=fan-in", "seed=1"),
                Map.of("sampler", new Recipe.Step("shuffle", Map.of()),
                        "optimizer", new Recipe.Step("sgd", map("lr=0.01")),
                        "schedule", new Recipe.Step("annealing", map("t0=20000"))),
                epochs, map("batch=1", "eval=test"));
    }

    static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    @Test
    void classSortedOrderAndRawInputsAreFarWorseAndEveryRowIsTheNumbersOfItsRunsAlone() throws Exception {
        RecipeService runner = new RecipeService(RealComponents.catalog(), new StratifiedSplitter(), new RunFolder(home));
        StudyService studies = new StudyService(runner, RealComponents.catalog(), List.of(),
                new org.ebp.plots.service.CurveChartService());
        Recipe recipe = digitsRecipe(4);
        Study study = studies.ablation(recipe);

        List<String> labels = study.trials().stream().map(Trial::label).toList();
        assertEquals(List.of("recipe", "no-standardization", "logistic-units", "targets-at-asymptotes", "unit-variance-init",
                "class-sorted", "no-annealing"), labels);
        assertTrue(study.notes().contains("no-decorrelation: the recipe has no PCA or whitening"), study.notes().toString());
        assertTrue(study.notes().contains("plain-sgd: the recipe's optimizer is sgd already"), study.notes().toString());
        assertEquals("sampler sequential order=by-class; train diverge=0", study.trials().get(5).change());
        assertEquals("transforms none", study.trials().get(1).change());

        List<String> progress = new ArrayList<>();
        StudyReport report = studies.run(study, new StudyPlan(2, 0.05, 2, "ablate-test"),
                (done, total, trial, seed, result, eta) -> progress.add(done + "/" + total + " " + trial.label() + " " + seed));
        assertEquals(14, report.runsDone());
        assertEquals(14, progress.size());
        assertTrue(progress.get(13).startsWith("14/14 "), progress.toString());
        assertEquals("error", report.metric());

        StudyRow base = report.rows().get(0);
        assertEquals("recipe", base.trial().label());
        StudyRow sorted = row(report, "class-sorted");
        StudyRow raw = row(report, "no-standardization");
        // measured: the recipe about 4% test error after 4 epochs; class-sorted order about 60%, raw inputs about 10%
        assertTrue(base.testError() < 0.07, "recipe " + base.testError());
        assertTrue(sorted.testError() > base.testError() + 0.2, "class-sorted " + sorted.testError());
        assertTrue(raw.testError() > base.testError() + 0.02, "no standardization " + raw.testError());
        assertEquals("class-sorted", report.rows().get(1).trial().label(), "ordered by effect: the biggest first");

        // the parallel runs are the numbers of each configuration run alone, seed 2 included
        for (String label : List.of("recipe", "class-sorted")) {
            Trial trial = study.trials().stream().filter(t -> t.label().equals(label)).findFirst().orElseThrow();
            RecipeResult alone = runner.run(StudyService.seeded(trial.recipe(), 2), null, null);
            List<org.ebp.api.session.EpochReport> parallelCurve = row(report, label).curves().get(1);
            assertEquals(alone.epochs().size(), parallelCurve.size());
            for (int e = 0; e < parallelCurve.size(); e++) {
                assertEquals(Double.doubleToRawLongBits(alone.epochs().get(e).evalLoss()),
                        Double.doubleToRawLongBits(parallelCurve.get(e).evalLoss()), label + " epoch " + (e + 1));
            }
        }
        // seed 1 of the recipe row is the recipe itself
        RecipeResult plain = runner.run(recipe, null, null);
        assertEquals(plain.epochs().get(3).evalLoss(), base.curves().get(0).get(3).evalLoss(), 0.0);

        List<RunRecord> runs = new RunFolder(home).list().runs();
        assertEquals(14, runs.stream().filter(r -> "ablate-test".equals(r.group())).count(), "every run recorded in its group");

        List<Path> files = studies.save(report, home.resolve("digits-ablation"));
        assertEquals(List.of("digits-ablation.md", "digits-ablation.csv", "digits-ablation.json", "digits-ablation.svg",
                "digits-ablation.png"), files.stream().map(f -> f.getFileName().toString()).toList());
        String svg = Files.readString(files.get(3));
        for (String label : labels) {
            assertTrue(svg.contains(">" + label + " train loss<"), "the chart's legend names " + label);
        }
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(files.get(4).toFile());
        assertEquals(StudyFiles.CHART_WIDTH, png.getWidth(), "a PNG of the chart's size");
        assertEquals(StudyFiles.CHART_HEIGHT, png.getHeight());
        String md = Files.readString(files.get(0));
        assertTrue(md.contains("| class-sorted |"), md);
        String csv = Files.readString(files.get(1));
        assertEquals(8, csv.lines().count(), csv);
        assertTrue(Files.readString(files.get(2)).startsWith("{\"format\":\"ebp-study\",\"version\":1,"));
        List<String> table = studies.table(report);
        assertTrue(table.get(1).startsWith("variant"), table.toString());
    }

    private static StudyRow row(StudyReport report, String label) {
        return report.rows().stream().filter(r -> r.trial().label().equals(label)).findFirst().orElseThrow();
    }
}
