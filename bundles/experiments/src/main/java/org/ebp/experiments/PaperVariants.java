package org.ebp.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebp.api.experiments.Recipe;

/**
 * The tricks of Efficient BackProp, each switched off or replaced (the ablation's built-in
 * variants; plugins add more as {@link org.ebp.api.experiments.AblationVariant} services). A
 * variant that does not apply says why, and the ablation lists it as skipped.
 */
final class PaperVariants {

    /** Transforms that scale or centre each input (sec. 1.4.3: shift to mean 0, scale to unit variance). */
    static final Set<String> STANDARDIZING = Set.of("center", "standardize", "scale");
    /** Transforms that decorrelate the inputs (sec. 1.4.3, the third step: PCA, whitening). */
    static final Set<String> DECORRELATING = Set.of("pca", "whiten", "zca");
    /** Optimizers that keep a learning rate per weight (sec. 1.4.7, 1.7.2). */
    static final Set<String> PER_WEIGHT = Set.of("per-weight", "adaptive", "sdlm");
    /** Initializer settings that do not carry over to another initializer. */
    static final List<String> INIT_SETTINGS = List.of("gain", "distribution", "range", "biases");
    /** Output activations with two asymptotes (scaled tanh: +-1.7159, sec. 1.4.4 eq 15). */
    static final Set<String> BOUNDED_OUTPUTS = Set.of("scaled-tanh", "tanh", "logistic");
    /** The targets of targets-at-asymptotes as fractions of the output's range: 99.9% of the way to each asymptote. */
    static final String ASYMPTOTE_LOW = "0.0005";
    static final String ASYMPTOTE_HIGH = "0.9995";
    /** U[-sqrt 3, sqrt 3] has variance 1: the unit-variance weights sec. 1.4.6 warns against (it asks for sigma = m^-1/2). */
    static final String UNIT_VARIANCE_RANGE = "1.7320508";

    private PaperVariants() {
    }

    static final List<DeclaredVariant> ALL = List.of(
            new DeclaredVariant("no-standardization", "inputs as loaded: no centring or scaling to unit variance (sec. 1.4.3)",
                    PaperVariants::withoutStandardization),
            new DeclaredVariant("no-decorrelation", "no PCA or whitening of the inputs (sec. 1.4.3)",
                    PaperVariants::withoutDecorrelation),
            new DeclaredVariant("logistic-units", "logistic units 1/(1+e^-x) with targets 0.1/0.9 instead of scaled tanh "
                    + "with +-1 (sec. 1.4.4)", PaperVariants::logisticUnits),
            new DeclaredVariant("targets-at-asymptotes", "targets at 99.9% of the way to the output's asymptotes (+-1.7142 "
                    + "for scaled tanh) instead of +-1 inside its range (sec. 1.4.5)", PaperVariants::targetsAtAsymptotes),
            new DeclaredVariant("unit-variance-init", "initial weights of variance 1, U[-sqrt 3, sqrt 3], instead of "
                    + "sigma = m^-1/2 (sec. 1.4.6)", PaperVariants::unitVarianceInit),
            new DeclaredVariant("class-sorted", "no shuffling: the examples sorted by class every epoch (sec. 1.4.2)",
                    PaperVariants::classSorted),
            new DeclaredVariant("no-annealing", "a constant learning rate instead of the schedule (sec. 1.4.7)",
                    PaperVariants::noAnnealing),
            new DeclaredVariant("no-per-weight-rates", "plain SGD with one global rate instead of a rate per weight "
                    + "(sec. 1.4.7, 1.7.2)", PaperVariants::noPerWeightRates),
            new DeclaredVariant("plain-sgd", "plain SGD instead of the chosen optimizer, at its learning rate",
                    PaperVariants::plainSgd));

    static Recipe withoutStandardization(Recipe r) {
        return without(r, STANDARDIZING, "the recipe has no centring or standardizing transform");
    }

    static Recipe withoutDecorrelation(Recipe r) {
        return without(r, DECORRELATING, "the recipe has no PCA or whitening");
    }

    private static Recipe without(Recipe r, Set<String> names, String whyNot) {
        List<Recipe.Step> kept = new ArrayList<>();
        for (Recipe.Step t : r.transforms()) {
            if (!names.contains(t.name())) {
                kept.add(t);
            }
        }
        if (kept.size() == r.transforms().size()) {
            throw new IllegalArgumentException(whyNot);
        }
        return r.withTransforms(kept);
    }

    static Recipe logisticUnits(Recipe r) {
        String hidden = r.netSettings().getOrDefault("activation", "scaled-tanh");
        if (hidden.equals("logistic")) {
            throw new IllegalArgumentException("the recipe's units are logistic already");
        }
        String output = output(r);
        Recipe changed = dropPrefixed(r, "activation.").withNet("activation", "logistic");
        if (output.equals("softmax") || output.equals("linear")) {
            return changed; // the output keeps its own coding; only the hidden units change
        }
        changed = dropPrefixed(changed, "output.").withNet("output", null);
        return withCoding(changed, "low-high", null, null);
    }

    static Recipe targetsAtAsymptotes(Recipe r) {
        String output = output(r);
        if (!BOUNDED_OUTPUTS.contains(output)) {
            throw new IllegalArgumentException("output units '" + output + "' have no asymptotes to aim at");
        }
        // low-high takes fractions of a bounded output's range; the engine refuses targets the
        // output cannot reach, so aim at 99.9% of the way from the middle to each asymptote
        return withCoding(r, "low-high", ASYMPTOTE_LOW, ASYMPTOTE_HIGH);
    }

    static Recipe unitVarianceInit(Recipe r) {
        Recipe changed = r;
        for (String key : INIT_SETTINGS) {
            changed = changed.withNet(key, null);
        }
        return changed.withNet("init", "uniform").withNet("range", UNIT_VARIANCE_RANGE);
    }

    static Recipe classSorted(Recipe r) {
        Recipe.Step sampler = r.component("sampler");
        if (sampler != null && sampler.name().equals("sequential") && "by-class".equals(sampler.settings().get("order"))) {
            throw new IllegalArgumentException("the recipe's examples are sorted by class already");
        }
        Recipe sorted = r.withComponent("sampler", new Recipe.Step("sequential", Map.of("order", "by-class")));
        // within a class the loss falls to almost 0 and jumps at the next class: the divergence
        // guard (diverge=10 x the best) would stop the run for it, so only NaN and Inf stop it here
        return r.train().containsKey("diverge") ? sorted : sorted.withTrain("diverge", "0");
    }

    static Recipe noAnnealing(Recipe r) {
        Recipe.Step schedule = r.component("schedule");
        if (schedule == null || schedule.name().equals("constant")) {
            throw new IllegalArgumentException("the recipe's learning rate is constant already");
        }
        return r.withComponent("schedule", new Recipe.Step("constant", Map.of()));
    }

    static Recipe noPerWeightRates(Recipe r) {
        Recipe.Step optimizer = r.component("optimizer");
        if (optimizer == null || !PER_WEIGHT.contains(optimizer.name())) {
            throw new IllegalArgumentException("the recipe's optimizer (" + (optimizer == null ? "none" : optimizer.name())
                    + ") has no per-weight rates");
        }
        return sgd(r, optimizer);
    }

    static Recipe plainSgd(Recipe r) {
        Recipe.Step optimizer = r.component("optimizer");
        if (optimizer == null || optimizer.name().equals("sgd")) {
            throw new IllegalArgumentException("the recipe's optimizer is sgd already");
        }
        return sgd(r, optimizer);
    }

    private static Recipe sgd(Recipe r, Recipe.Step optimizer) {
        Map<String, String> settings = new LinkedHashMap<>();
        String lr = optimizer.settings().get("lr");
        if (lr != null) {
            settings.put("lr", lr);
        }
        return r.withComponent("optimizer", new Recipe.Step("sgd", settings));
    }

    /** The output activation: {@code output}, else the hidden one (the net command's default). */
    static String output(Recipe r) {
        String output = r.netSettings().get("output");
        if (output == null || output.equals("same")) {
            output = r.netSettings().getOrDefault("activation", "scaled-tanh");
        }
        return output;
    }

    private static Recipe withCoding(Recipe r, String coding, String low, String high) {
        return r.withNet("coding", coding).withNet("low", low).withNet("high", high);
    }

    private static Recipe dropPrefixed(Recipe r, String prefix) {
        Recipe changed = r;
        for (String key : r.netSettings().keySet()) {
            if (key.startsWith(prefix)) {
                changed = changed.withNet(key, null);
            }
        }
        return changed;
    }
}
