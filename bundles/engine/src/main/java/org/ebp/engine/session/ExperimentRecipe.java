package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.persist.Experiment;
import org.ebp.engine.training.TrainingProgress;

/**
 * The session's setup as an {@link Experiment}, and an experiment replayed in a session through
 * the same calls a user makes (data load, split, transforms, net, use, train).
 */
final class ExperimentRecipe {

    private ExperimentRecipe() {
    }

    /**
     * The experiment that makes the session's current network again (lock held).
     *
     * @param epochs epochs to write, or 0 for the epochs trained so far
     */
    static Experiment of(RunConfiguration.DataOrigin origin, Map<String, String> splitRequest, SessionData data,
                         Experiment.Step networkRequest, ComponentChoices choices, TrainingProgress progress,
                         Map<String, String> lastTrainSettings, int epochs) {
        if (data == null || origin == null) {
            throw new IllegalStateException("no data loaded; an experiment starts with data load, e.g. data load digits");
        }
        if (networkRequest == null) {
            throw new IllegalStateException("no network made with net (none, or one loaded from a model file); create one, "
                    + "e.g. net in-30-out, to save an experiment");
        }
        int n = epochs > 0 ? epochs : progress.epoch();
        if (n < 1) {
            throw new IllegalStateException("nothing trained yet, so the experiment has no epochs; train first, or give "
                    + "epochs=N, e.g. experiment save run.json epochs=30");
        }
        List<Experiment.Step> transforms = new ArrayList<>();
        for (SessionData.AppliedTransform t : data.transforms()) {
            transforms.add(new Experiment.Step(t.name(), t.fitted().settings()));
        }
        Map<String, Experiment.Step> components = new LinkedHashMap<>();
        components.put("optimizer", new Experiment.Step(choices.currentOptimizer().name(), choices.currentOptimizer().settings().asText()));
        components.put("schedule", new Experiment.Step(choices.currentSchedule().name(), choices.currentSchedule().settings().asText()));
        components.put("sampler", new Experiment.Step(choices.currentSampler().name(), choices.currentSampler().settings().asText()));
        if (choices.computeName != null) {
            components.put("compute", new Experiment.Step(choices.computeName, Map.of()));
        }
        Map<String, String> train = new LinkedHashMap<>(lastTrainSettings == null ? Map.of() : lastTrainSettings);
        return new Experiment(new Experiment.Step(origin.source(), origin.settings()), splitRequest, transforms,
                networkRequest.name(), networkRequest.settings(), components, n, train);
    }

    /**
     * Makes {@code session} what the experiment says and trains it. Every component is looked up
     * first, so an experiment naming one that is not installed changes nothing.
     */
    static List<EpochReport> replay(Session session, ComponentCatalog catalog, Experiment e, TrainingListener listener)
            throws DataFormatException {
        catalog.get(ComponentKind.DATASET, e.data().name(), DatasetSource.class);
        for (Experiment.Step t : e.transforms()) {
            catalog.get(ComponentKind.TRANSFORM, t.name(), DataTransform.class);
        }
        for (Map.Entry<String, Experiment.Step> c : e.components().entrySet()) {
            catalog.get(ComponentKind.parse(c.getKey()), c.getValue().name(), Object.class);
        }
        TrainingListener out = listener == null ? report -> { } : listener;
        say(out, "data load " + words(e.data()), session.loadData(e.data().name(), e.data().settings()));
        if (e.split() != null) {
            say(out, "data split " + words(e.split()), "split: " + words(session.split(e.split())));
        }
        if (!e.transforms().isEmpty()) {
            List<Map.Entry<String, Map<String, String>>> chain = new ArrayList<>();
            e.transforms().forEach(t -> chain.add(Map.entry(t.name(), t.settings())));
            List<String> lines = session.fitTransforms(chain);
            say(out, "transform chain " + String.join(" ", e.transforms().stream().map(Experiment.Step::name).toList()),
                    String.join("; ", lines));
        }
        say(out, "net " + e.netSpec() + " " + words(e.netSettings()), session.createNetwork(e.netSpec(), e.netSettings()));
        for (Map.Entry<String, Experiment.Step> c : e.components().entrySet()) {
            say(out, "use " + c.getKey() + " " + words(c.getValue()),
                    session.use(ComponentKind.parse(c.getKey()), c.getValue().name(), c.getValue().settings()));
        }
        say(out, "train " + e.epochs() + " " + words(e.train()), null);
        return session.train(e.epochs(), e.train(), out);
    }

    private static void say(TrainingListener out, String command, String result) {
        org.ebp.engine.training.Listeners.notify(out, "> " + command.strip());
        if (result != null && !result.isBlank()) {
            org.ebp.engine.training.Listeners.notify(out, result);
        }
    }

    private static String words(Experiment.Step s) {
        return (s.name() + " " + words(s.settings())).strip();
    }

    private static String words(Map<String, ?> settings) {
        StringBuilder b = new StringBuilder();
        settings.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }
}
