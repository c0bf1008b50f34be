package org.ebp.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.component.Component;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.Trial;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.io.Excerpt;

/**
 * The points of a sweep: every combination of listed values (a grid), or, when an axis is a range
 * {@code lo..hi}, {@code samples} points drawn at random (uniform, or log-uniform with {@code log=true};
 * listed axes then pick one of their values). Every value is checked against the setting's
 * declaration before anything runs.
 */
final class SweepGrid {

    /** More points than this is a typo, not a sweep. */
    static final int MOST_POINTS = 500;

    /** The settings of {@code net} a sweep can vary (the net command's own, not the components'). */
    static final List<ParameterSpec> NET_SETTINGS = List.of(
            ParameterSpec.text("spec", "", "layer widths, e.g. 64-30-10"),
            ParameterSpec.text("activation", "scaled-tanh", "activation of the hidden units"),
            ParameterSpec.text("output", "same", "activation of the output units"),
            ParameterSpec.text("coding", "auto", "target coding"),
            ParameterSpec.text("loss", "auto", "loss"),
            ParameterSpec.text("init", "fan-in", "weight initializer"),
            ParameterSpec.longInt("seed", 1, "seed of the initial weights"),
            ParameterSpec.choice("precision", "float32", List.of("float32", "float64"), "arithmetic of training"));
    /** The settings of {@code train} a sweep can vary. */
    static final List<ParameterSpec> TRAIN_SETTINGS = List.of(
            ParameterSpec.integer("batch", 1, 1, Integer.MAX_VALUE, "mini-batch size"),
            ParameterSpec.longInt("seed", 1, "seed of the example order"));
    /** Component kinds a sweep can vary, and where their settings go in a recipe. */
    static final List<String> KINDS = List.of("optimizer", "schedule", "sampler", "activation", "initializer", "net", "train");

    private SweepGrid() {
    }

    /** One axis: a setting and its values, or a range. */
    record Axis(ParameterSpec spec, List<String> values, double low, double high) {
        boolean range() {
            return values == null;
        }
    }

    static Study study(ComponentCatalog catalog, Recipe base, String kind, String name, Map<String, String> axes,
                       boolean log, int samples, long seed) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw new IllegalArgumentException("sweep cannot vary '" + Excerpt.of(kind) + "'; use one of " + KINDS);
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("empty grid: give at least one setting with values, e.g. sweep optimizer sgd "
                    + "lr=0.001,0.01,0.1");
        }
        List<ParameterSpec> specs = specs(catalog, k, name);
        String owner = k.equals("net") || k.equals("train") ? k : k + " " + name;
        List<String> keys = new ArrayList<>(axes.keySet());
        List<Axis> parsed = new ArrayList<>();
        for (String key : keys) {
            parsed.add(axis(catalog, owner, specs, key, axes.get(key), log));
        }
        boolean random = parsed.stream().anyMatch(Axis::range);
        List<Map<String, String>> points = random ? draw(parsed, keys, samples, log, seed, owner) : grid(parsed, keys);
        List<Trial> trials = new ArrayList<>();
        for (Map<String, String> point : points) {
            Recipe r = apply(base, k, name, point);
            String label = words(point);
            trials.add(new Trial(label, (k.equals("net") || k.equals("train") ? k : k + " " + name) + " " + label, r));
        }
        String title = "sweep " + owner + " " + String.join(" ", keys) + " (" + (random ? samples + " random points"
                : points.size() + " grid points") + ")";
        return new Study("sweep", title, trials, List.of());
    }

    private static List<ParameterSpec> specs(ComponentCatalog catalog, String kind, String name) {
        return switch (kind) {
            case "net" -> NET_SETTINGS;
            case "train" -> TRAIN_SETTINGS;
            default -> {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("sweep " + kind + " needs the component's name, e.g. sweep " + kind
                            + " NAME key=v1,v2 (components " + kind + " lists them)");
                }
                yield catalog.get(ComponentKind.parse(kind), name, Component.class).parameters();
            }
        };
    }

    private static Axis axis(ComponentCatalog catalog, String owner, List<ParameterSpec> specs, String key, String text,
                             boolean log) {
        ParameterSpec spec = specs.stream().filter(p -> p.name().equals(key)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(owner + " has no setting '" + Excerpt.of(key) + "'; it has "
                        + specs.stream().map(ParameterSpec::name).toList()));
        String t = text == null ? "" : text.trim();
        int dots = t.indexOf("..");
        if (dots >= 0) {
            if (spec.type() != ParameterSpec.Type.DOUBLE && spec.type() != ParameterSpec.Type.INT) {
                throw new IllegalArgumentException(owner + " " + key + " is not a number, so it has no range; list its values, "
                        + "e.g. " + key + "=a,b");
            }
            double low = number(owner, spec, t.substring(0, dots));
            double high = number(owner, spec, t.substring(dots + 2));
            if (!(low < high)) {
                throw new IllegalArgumentException("empty range " + key + "=" + Excerpt.of(t) + "; give lo..hi with lo < hi");
            }
            if (log && low <= 0) {
                throw new IllegalArgumentException("log=true needs a range above 0, got " + key + "=" + Excerpt.of(t));
            }
            return new Axis(spec, null, low, high);
        }
        List<String> values = new ArrayList<>();
        for (String v : t.split(",", -1)) {
            String value = v.trim();
            if (value.isEmpty()) {
                throw new IllegalArgumentException("empty value in " + key + "=" + Excerpt.of(t) + "; list values as v1,v2,...");
            }
            check(catalog, owner, spec, value);
            if (!values.contains(value)) {
                values.add(value);
            }
        }
        return new Axis(spec, values, Double.NaN, Double.NaN);
    }

    private static double number(String owner, ParameterSpec spec, String text) {
        check(null, owner, spec, text.trim());
        return Double.parseDouble(text.trim());
    }

    /** The value parses and lies in the setting's range; component-valued net settings name a registered component. */
    private static void check(ComponentCatalog catalog, String owner, ParameterSpec spec, String value) {
        Settings.parse(owner, List.of(spec), Map.of(spec.name(), value));
        if (catalog != null && owner.equals("net")) {
            ComponentKind kind = switch (spec.name()) {
                case "activation", "output" -> value.equals("same") ? null : ComponentKind.ACTIVATION;
                case "coding" -> value.equals("auto") ? null : ComponentKind.TARGET_CODING;
                case "init" -> ComponentKind.INITIALIZER;
                default -> null;
            };
            if (kind != null) {
                catalog.get(kind, value, Component.class);
            }
        }
    }

    private static List<Map<String, String>> grid(List<Axis> axes, List<String> keys) {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (int a = 0; a < axes.size(); a++) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : axes.get(a).values()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(keys.get(a), v);
                    next.add(q);
                }
            }
            points = next;
            if (points.size() > MOST_POINTS) {
                throw new IllegalArgumentException("the grid has more than " + MOST_POINTS + " points; list fewer values");
            }
        }
        return points;
    }

    private static List<Map<String, String>> draw(List<Axis> axes, List<String> keys, int samples, boolean log, long seed,
                                                  String owner) {
        if (samples < 1 || samples > MOST_POINTS) {
            throw new IllegalArgumentException("a range needs samples=N points to draw (1.." + MOST_POINTS + "), e.g. "
                    + keys.get(0) + "=0.001..0.1 log=true samples=8");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, String>> points = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            Map<String, String> p = new LinkedHashMap<>();
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                String value;
                if (axis.range()) {
                    double u = random.nextDouble();
                    double x = log ? Math.exp(Math.log(axis.low()) + u * (Math.log(axis.high()) - Math.log(axis.low())))
                            : axis.low() + u * (axis.high() - axis.low());
                    value = axis.spec().type() == ParameterSpec.Type.INT ? Long.toString(Math.round(x))
                            : String.format(Locale.ROOT, "%.4g", x);
                } else {
                    value = axis.values().get(random.nextInt(axis.values().size()));
                }
                p.put(keys.get(a), value);
            }
            points.add(p);
        }
        return points;
    }

    /** The base recipe with a point's settings where the kind keeps them. */
    static Recipe apply(Recipe base, String kind, String name, Map<String, String> point) {
        Recipe r = base;
        switch (kind) {
            case "net" -> {
                for (Map.Entry<String, String> e : point.entrySet()) {
                    r = e.getKey().equals("spec") ? new Recipe(r.data(), r.split(), r.transforms(), e.getValue(),
                            r.netSettings(), r.components(), r.epochs(), r.train()) : r.withNet(e.getKey(), e.getValue());
                }
            }
            case "train" -> {
                for (Map.Entry<String, String> e : point.entrySet()) {
                    r = r.withTrain(e.getKey(), e.getValue());
                }
            }
            case "activation" -> {
                r = r.withNet("activation", name);
                for (Map.Entry<String, String> e : point.entrySet()) {
                    r = r.withNet("activation." + e.getKey(), e.getValue());
                }
            }
            case "initializer" -> {
                r = r.withNet("init", name);
                for (Map.Entry<String, String> e : point.entrySet()) {
                    r = r.withNet(e.getKey(), e.getValue());
                }
            }
            default -> {
                Recipe.Step current = base.component(kind);
                Recipe.Step step = current != null && current.name().equals(name) ? current : new Recipe.Step(name, Map.of());
                for (Map.Entry<String, String> e : point.entrySet()) {
                    step = step.with(e.getKey(), e.getValue());
                }
                r = r.withComponent(kind, step);
            }
        }
        return r;
    }

    private static String words(Map<String, String> point) {
        StringBuilder b = new StringBuilder();
        point.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }
}
