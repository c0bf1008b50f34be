package org.ebp.engine.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Initializer;
import org.ebp.api.model.Loss;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.LayerSpec;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.training.Precision;
import org.ebp.io.Excerpt;
import org.ebp.io.MemoryBudget;

/**
 * Builds a network from {@code net SPEC key=value...}: resolves the activations, loss, target
 * coding and initializer, checks the widths against the data and the coding's levels against the
 * output's range, and draws the initial weights. Changes nothing in the session: the session
 * takes the {@link Built} result under its lock, so a failure leaves it as it was.
 */
final class NetworkBuilder {

    static final String DEFAULT_ACTIVATION = "scaled-tanh";
    static final String DEFAULT_INITIALIZER = "fan-in";

    private static final List<String> NETWORK_KEYS = List.of("activation", "output", "activation.KEY",
            "output.KEY", "coding", "loss", "init", "seed", "rbf-train", "rbf-width",
            "precision");

    /** A new network with everything the session keeps about it, and the one-line summary for the user. */
    record Built(NetworkSetup setup, Network network, OutputLayerLoss outputLoss, TargetCoding coding, double[] weights,
            Precision precision, String summary) {
    }

    private final ComponentCatalog catalog;
    private final ConfiguredActivations activations;
    private final Supplier<ComputeService> compute;

    /**
     * @param compute resolves the compute service (for RBF centres); called only when the network is otherwise valid
     */
    NetworkBuilder(ComponentCatalog catalog, ConfiguredActivations activations, Supplier<ComputeService> compute) {
        this.catalog = catalog;
        this.activations = activations;
        this.compute = compute;
    }

    /**
     * @param raw the settings, consumed: every key is taken by the network, the initializer or the coding
     * @param current the session's data, or null when none is loaded (the widths are then not checked)
     */
    Built build(String spec, Map<String, String> raw, SessionData current) {
        int inputWidth = current == null ? LayerSpec.UNKNOWN : current.featureWidth();
        int outputWidth = current == null ? LayerSpec.UNKNOWN : current.outputWidth();
        int[] widths = LayerSpec.parse(spec, inputWidth, outputWidth);
        if (current != null) {
            checkWidths(widths, current);
        }
        requireMemory(spec, LayerSpec.parameterCount(widths));
        String precisionWord = raw.remove("precision");
        Precision precision = Precision.parse(precisionWord);
        String hiddenName = Formats.take(raw, "activation", DEFAULT_ACTIVATION);
        boolean outputNamed = raw.containsKey("output");
        String outputName = Formats.take(raw, "output", hiddenName);
        Map<String, String> hiddenRaw = ConfiguredActivations.takePrefixed(raw, ConfiguredActivations.HIDDEN_PREFIX);
        Map<String, String> outputRaw = ConfiguredActivations.takePrefixed(raw, ConfiguredActivations.OUTPUT_PREFIX);
        if (!outputNamed) {
            // the output is the hidden activation: it takes the same settings unless output.KEY overrides them
            Map<String, String> merged = new LinkedHashMap<>(hiddenRaw);
            merged.putAll(outputRaw);
            outputRaw = merged;
        }
        Activation hidden = activations.resolve(catalog, hiddenName, hiddenRaw, ConfiguredActivations.HIDDEN_PREFIX);
        Activation output = activations.resolve(catalog, outputName, outputRaw, ConfiguredActivations.OUTPUT_PREFIX);
        Map<String, String> hiddenSettings = ConfiguredActivations.settingsText(hidden, hiddenRaw);
        Map<String, String> outputSettings = ConfiguredActivations.settingsText(output, outputRaw);
        String lossName = Formats.take(raw, "loss", Session.AUTO);
        if (lossName.equals(Session.AUTO)) {
            lossName = output.elementwise() ? "mse" : OutputLayerLoss.CROSS_ENTROPY;
        }
        Loss loss = catalog.get(ComponentKind.LOSS, lossName, Loss.class);
        double rbfWidth = RbfSetup.widthScale(raw.remove("rbf-width"));
        Network net = new Network(widths, LayerSpec.rbfLayers(spec), RbfSetup.train(raw), hidden, output);
        OutputLayerLoss bound = OutputLayerLoss.bind(output, loss, loss.name());

        String codingName = Formats.take(raw, "coding", Session.AUTO);
        String initName = Formats.take(raw, "init", DEFAULT_INITIALIZER);
        Initializer initializer = catalog.get(ComponentKind.INITIALIZER, initName, Initializer.class);
        long seed = Formats.parseLong("net", "seed", raw.remove("seed"), 1);

        boolean classification = current == null || current.base().hasLabels();
        TargetCoding targetCoding = null;
        if (classification) {
            if (codingName.equals(Session.AUTO)) {
                codingName = automaticCoding(output);
            }
            targetCoding = catalog.get(ComponentKind.TARGET_CODING, codingName, TargetCoding.class);
        } else if (!codingName.equals(Session.AUTO) && !codingName.equals(Session.NONE)) {
            throw new IllegalArgumentException("coding applies to class labels; '" + current.base().name()
                    + "' has real targets, which are used as given: drop coding=" + codingName);
        }
        if (!classification && loss.name().equals(OutputLayerLoss.CROSS_ENTROPY)) {
            // cross-entropy compares class probabilities; real targets are not probabilities (and one
            // softmax unit is always 1), so such a network could not learn them
            throw new IllegalArgumentException("'" + current.base().name() + "' has real targets, but loss 'cross-entropy' "
                    + "(output " + output.name() + ") is for class probabilities; for regression use output=linear "
                    + "(loss mse), e.g. net " + org.ebp.io.Excerpt.of(String.valueOf(spec).trim()) + " output=linear");
        }

        // the remaining keys belong to the initializer or, failing that, to the coding
        Set<String> initKeys = parameterNames(initializer.parameters());
        Set<String> codingKeys = targetCoding == null ? Set.of() : parameterNames(targetCoding.parameters());
        Map<String, String> initRaw = new LinkedHashMap<>();
        Map<String, String> codingRaw = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (initKeys.contains(e.getKey())) {
                initRaw.put(e.getKey(), e.getValue());
            } else if (codingKeys.contains(e.getKey())) {
                codingRaw.put(e.getKey(), e.getValue());
            } else {
                throw new InvalidSettingException("net has no setting '" + e.getKey() + "'; use "
                        + String.join(", ", NETWORK_KEYS) + (initKeys.isEmpty() ? "" : ", a setting of initializer '"
                        + initializer.name() + "' " + initKeys) + (codingKeys.isEmpty() ? "" : ", or a setting of coding '"
                        + targetCoding.name() + "' " + codingKeys));
            }
        }
        Settings initSettings = initializer.settings(initRaw);
        TargetCoding.Levels levels = null;
        Settings codingSettings = null;
        if (targetCoding != null) {
            codingSettings = targetCoding.settings(codingRaw);
            levels = checkedLevels(targetCoding, output, codingSettings);
        }

        double[] w = new double[net.size()];
        SplittableRandom random = new SplittableRandom(seed);
        ParameterLayout layout = net.layout();
        for (ParameterLayout.Segment segment : layout.segments()) {
            initializer.initialize(layout, segment, w, random, initSettings);
            for (int i = segment.offset(); i < segment.end(); i++) {
                if (!Double.isFinite(w[i])) {
                    throw new IllegalArgumentException("initializer '" + initializer.name() + "' produced "
                            + w[i] + " in " + segment.name() + "; check its settings (" + initSettings + ")");
                }
            }
        }

        RbfSetup.initialize(net, w, current, compute.get(), seed, rbfWidth);
        NetworkSetup setup = new NetworkSetup(widths, hidden.name(), output.name(), targetCoding == null ? null : targetCoding.name(),
                levels, codingSettings == null ? Map.of() : codingSettings.asText(), loss.name(), initializer.name(),
                initSettings.asText(), seed, hiddenSettings, outputSettings);
        String summary = "network " + net.spec() + ": hidden " + ConfiguredActivations.describe(hidden.name(), hiddenSettings)
                + ", output " + ConfiguredActivations.describe(output.name(), outputSettings)
                + (targetCoding == null ? ", real targets" : ", coding " + targetCoding.name() + " ("
                + Formats.number(levels.off()) + "/" + Formats.number(levels.on()) + ")")
                + ", loss " + loss.name() + ", init " + describe(initializer.name(), initSettings)
                + " seed=" + seed + "; " + net.size() + " parameters";
        if (precision == Precision.FLOAT32 && !FloatPasses.supports(net)) {
            if (precisionWord == null) {
                precision = Precision.FLOAT64; // the default is float32 where the float passes exist
            }
        }
        if (precision == Precision.FLOAT32 && !FloatPasses.supports(net)) {
            throw new IllegalArgumentException("precision=float32 trains dense layers; " + net.spec()
                    + " has RBF units: use precision=float64");
        }
        return new Built(setup, net, bound, targetCoding, w, precision, summary);
    }

    /**
     * Doubles kept per parameter while a network trains: the weights, their copy at each epoch
     * start, the gradient, and up to three vectors a first-order optimizer keeps (momentum, Adam's
     * two moments). Matrix optimizers check their own N x N needs when chosen.
     */
    static final int DOUBLES_PER_PARAMETER = 6;

    /** Refuses, before allocating, a network whose weights and their companions the heap cannot hold. */
    static void requireMemory(String spec, long parameters) {
        MemoryBudget.require(parameters * DOUBLES_PER_PARAMETER * Double.BYTES,
                "network " + Excerpt.of(spec) + " (" + parameters + " parameters, " + DOUBLES_PER_PARAMETER + " copies to train)",
                "narrower layers");
    }

    static void checkWidths(int[] widths, SessionData d) {
        int in = widths[0];
        int out = widths[widths.length - 1];
        if (in != d.featureWidth()) {
            throw new IllegalArgumentException("the network's input width " + in + " does not match the " + d.featureWidth()
                    + " features of '" + d.base().name() + "'" + (d.transforms().isEmpty() ? "" : " (after transforms)")
                    + "; start the spec with " + d.featureWidth() + " or 'in'");
        }
        if (out != d.outputWidth()) {
            throw new IllegalArgumentException("the network has " + out + " outputs but '" + d.base().name() + "' has "
                    + d.outputWidth() + (d.base().hasLabels() ? " classes" : " targets") + "; end the spec with "
                    + d.outputWidth() + " or 'out'");
        }
    }

    /** one-hot for softmax, pm1 when -1 and 1 lie inside the output's range, else low-high. */
    static String automaticCoding(Activation output) {
        if (!output.elementwise()) {
            return "one-hot";
        }
        return output.lowerBound() < -1 && output.upperBound() > 1 ? "pm1" : "low-high";
    }

    /**
     * The coding's levels for this output, refused when the output cannot reach them: targets
     * at or beyond an asymptote drive the weights to grow without bound (section 1.4.5). A
     * coupled output trained with cross-entropy is the exception: its targets are probabilities,
     * so 0 and 1 are allowed.
     */
    static TargetCoding.Levels checkedLevels(TargetCoding coding, Activation output, Settings settings) {
        TargetCoding.Levels levels;
        try {
            levels = coding.levels(output, settings);
        } catch (IllegalArgumentException e) {
            // a coding's own refusal already names it and the fix; a terse one gets the context
            String message = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(message.contains("'" + coding.name() + "'") ? message
                    : "coding '" + coding.name() + "' cannot be used with output activation '" + output.name() + "': "
                    + message, e);
        }
        checkReachable(coding.name(), levels, output);
        return levels;
    }

    static void checkReachable(String codingName, TargetCoding.Levels levels, Activation output) {
        double lower = output.lowerBound();
        double upper = output.upperBound();
        boolean probabilities = !output.elementwise();
        boolean reachable = true;
        for (double v : new double[] {levels.off(), levels.on()}) {
            boolean inside = probabilities ? v >= lower && v <= upper : v > lower && v < upper;
            reachable &= Double.isFinite(v) && inside;
        }
        if (!reachable) {
            boolean scaledTanhReaches = Math.abs(levels.off()) < 1.7159 && Math.abs(levels.on()) < 1.7159;
            String fix = probabilities ? "use coding=one-hot"
                    : "use coding=low-high or output=" + (scaledTanhReaches ? "scaled-tanh" : "linear");
            throw new IllegalArgumentException("coding '" + codingName + "' needs targets " + Formats.number(levels.off())
                    + " and " + Formats.number(levels.on()) + " but output activation '" + output.name() + "' only reaches "
                    + Formats.range(lower, upper) + "; " + fix);
        }
    }

    private static Set<String> parameterNames(List<ParameterSpec> specs) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (ParameterSpec p : specs) {
            names.add(p.name());
        }
        return names;
    }

    private static String describe(String name, Settings settings) {
        String s = settings.toString();
        return s.isEmpty() ? name : name + " " + s;
    }
}
