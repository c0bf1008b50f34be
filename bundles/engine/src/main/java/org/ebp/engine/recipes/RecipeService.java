package org.ebp.engine.recipes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Splitter;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeCodec;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.TrainingSession;
import org.ebp.engine.persist.Experiment;
import org.ebp.engine.persist.ExperimentCodec;
import org.ebp.engine.runs.RunFolder;
import org.ebp.engine.session.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Recipes as experiments: a session's setup read out, and a recipe replayed in a session of its
 * own (threads {@code ebp-recipe-<n>}), recorded in the workbench home's run records.
 */
@Component(service = {RecipeRunner.class, RecipeCodec.class})
public final class RecipeService implements RecipeRunner, RecipeCodec {

    private static final AtomicInteger NUMBERS = new AtomicInteger();

    @Reference
    private ComponentCatalog catalog;

    /** Dynamic and optional, as the workbench service's: sessions ask for it when they split. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Splitter splitter;

    /** Where runs are recorded; null: not recorded. Set at activation, or by tests. */
    private volatile RunFolder runs;

    /** For DS. */
    public RecipeService() {
    }

    /** Outside OSGi (tests): a fixed catalog and splitter, runs recorded in {@code runs} (null: none). */
    public RecipeService(ComponentCatalog catalog, Splitter splitter, RunFolder runs) {
        this.catalog = catalog;
        this.splitter = splitter;
        this.runs = runs;
    }

    @Activate
    void activate() {
        runs = RunFolder.ofHome();
    }

    @Override
    public Recipe recipeOf(TrainingSession session, int epochs) {
        if (!(session instanceof Session s)) {
            throw new IllegalStateException("this session cannot describe its setup as a recipe");
        }
        return toRecipe(s.experiment(epochs));
    }

    @Override
    public RecipeResult run(Recipe recipe, String group, TrainingListener listener) {
        Recipe recorded = group == null ? recipe : recipe.withTrain("group", group);
        long start = System.nanoTime();
        Session session = new Session(catalog, () -> splitter, NUMBERS.incrementAndGet());
        try {
            session.recordRunsIn(runs);
            List<EpochReport> reports = replay(session, recorded, listener);
            Evaluation train = session.evaluate("train");
            Evaluation test = session.status().splits().containsKey("test") ? session.evaluate("test") : null;
            // train keeps the interrupt flag set when it stopped because of one
            String outcome = Thread.currentThread().isInterrupted()
                    ? "stopped after " + reports.size() + " of " + recipe.epochs() + " epochs" : "completed";
            return new RecipeResult(reports, train, test, (System.nanoTime() - start) / 1e9, outcome);
        } finally {
            session.close();
        }
    }

    @Override
    public List<EpochReport> runIn(TrainingSession session, Recipe recipe, TrainingListener listener) {
        if (!(session instanceof Session s)) {
            throw new IllegalStateException("this session cannot run a recipe");
        }
        return replay(s, recipe, listener);
    }

    @Override
    public String toJson(Recipe recipe) {
        return ExperimentCodec.toText(toExperiment(recipe));
    }

    @Override
    public Recipe fromJson(String source, String json) {
        try {
            return toRecipe(ExperimentCodec.fromText(source, json));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private List<EpochReport> replay(Session session, Recipe recipe, TrainingListener listener) {
        try {
            return session.runExperiment(toExperiment(recipe), listener);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static Recipe toRecipe(Experiment e) {
        List<Recipe.Step> transforms = new ArrayList<>();
        e.transforms().forEach(t -> transforms.add(new Recipe.Step(t.name(), t.settings())));
        Map<String, Recipe.Step> components = new LinkedHashMap<>();
        e.components().forEach((k, c) -> components.put(k, new Recipe.Step(c.name(), c.settings())));
        return new Recipe(new Recipe.Step(e.data().name(), e.data().settings()), e.split(), transforms, e.netSpec(),
                e.netSettings(), components, e.epochs(), e.train());
    }

    static Experiment toExperiment(Recipe r) {
        List<Experiment.Step> transforms = new ArrayList<>();
        r.transforms().forEach(t -> transforms.add(new Experiment.Step(t.name(), t.settings())));
        Map<String, Experiment.Step> components = new LinkedHashMap<>();
        r.components().forEach((k, c) -> components.put(k, new Experiment.Step(c.name(), c.settings())));
        return new Experiment(new Experiment.Step(r.data().name(), r.data().settings()), r.split(), transforms, r.netSpec(),
                r.netSettings(), components, r.epochs(), r.train());
    }
}
