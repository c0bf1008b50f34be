package org.ebp.api.component;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Describes one setting of a component: its name, type, default, allowed range or choices and a
 * line of help. Immutable.
 *
 * <p>A bound may be excluded ({@link #excludingMin()}, {@link #excludingMax()}; added in 1.1.0):
 * "a forgetting factor below 1" is {@code real("beta1", 0.9, 0, 1, ...).excludingMax()}, shown
 * as {@code [0, 1)} and checked by {@link Settings#parse}.
 *
 * @param name         kebab-case or short name as typed in {@code key=value}
 * @param type         value type
 * @param defaultValue default as text (parsed with the type); null means "required"
 * @param min          smallest allowed value for numbers, or NaN for none
 * @param max          largest allowed value for numbers, or NaN for none
 * @param choices      allowed values for {@link Type#CHOICE}
 * @param help         one line of help
 * @param minExcluded  true when {@code min} itself is not allowed (the value must be above it)
 * @param maxExcluded  true when {@code max} itself is not allowed (the value must be below it)
 */
public record ParameterSpec(String name, Type type, String defaultValue, double min, double max,
                            List<String> choices, String help, boolean minExcluded, boolean maxExcluded) {

    /** Value types of settings. */
    public enum Type { DOUBLE, INT, LONG, BOOLEAN, STRING, CHOICE }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = choices == null ? List.of() : List.copyOf(choices);
        help = help == null ? "" : help;
        minExcluded &= !Double.isNaN(min);
        maxExcluded &= !Double.isNaN(max);
    }

    /** A setting whose bounds, if any, are included (the 1.0 constructor). */
    public ParameterSpec(String name, Type type, String defaultValue, double min, double max,
                         List<String> choices, String help) {
        this(name, type, defaultValue, min, max, choices, help, false, false);
    }

    public static ParameterSpec real(String name, double def, double min, double max, String help) {
        return new ParameterSpec(name, Type.DOUBLE, Double.toString(def), min, max, null, help);
    }

    public static ParameterSpec integer(String name, int def, int min, int max, String help) {
        return new ParameterSpec(name, Type.INT, Integer.toString(def), min, max, null, help);
    }

    public static ParameterSpec longInt(String name, long def, String help) {
        return new ParameterSpec(name, Type.LONG, Long.toString(def), Double.NaN, Double.NaN, null, help);
    }

    public static ParameterSpec bool(String name, boolean def, String help) {
        return new ParameterSpec(name, Type.BOOLEAN, Boolean.toString(def), Double.NaN, Double.NaN, null, help);
    }

    public static ParameterSpec text(String name, String def, String help) {
        return new ParameterSpec(name, Type.STRING, def, Double.NaN, Double.NaN, null, help);
    }

    public static ParameterSpec choice(String name, String def, List<String> choices, String help) {
        return new ParameterSpec(name, Type.CHOICE, def, Double.NaN, Double.NaN, choices, help);
    }

    /** The same setting with {@code min} excluded: values must be above it (since 1.1.0). */
    public ParameterSpec excludingMin() {
        requireBound(min, "min");
        return new ParameterSpec(name, type, defaultValue, min, max, choices, help, true, maxExcluded);
    }

    /** The same setting with {@code max} excluded: values must be below it (since 1.1.0). */
    public ParameterSpec excludingMax() {
        requireBound(max, "max");
        return new ParameterSpec(name, type, defaultValue, min, max, choices, help, minExcluded, true);
    }

    private void requireBound(double bound, String which) {
        if (Double.isNaN(bound)) {
            throw new IllegalArgumentException("setting " + name + " has no " + which + " to exclude");
        }
    }

    /** True when the setting has no default and must be given. */
    public boolean required() {
        return defaultValue == null;
    }

    /** True when {@code v} lies in the declared range, with excluded bounds honoured. */
    public boolean inRange(double v) {
        boolean aboveMin = Double.isNaN(min) || (minExcluded ? v > min : v >= min);
        boolean belowMax = Double.isNaN(max) || (maxExcluded ? v < max : v <= max);
        return aboveMin && belowMax;
    }

    /**
     * What is wrong with the default itself, or null when it parses and lies in the declared
     * range (or there is none). The workbench checks this when a component arrives, so a faulty
     * default is blamed on the component, not on the user at {@code use} (since 1.1.0).
     */
    public String defaultProblem() {
        if (defaultValue == null) {
            return null;
        }
        try {
            Settings.parse("default", List.of(this), java.util.Map.of());
            return null;
        } catch (InvalidSettingException e) {
            return "its default " + name + "=" + defaultValue + " is " + (type == Type.CHOICE ? "not one of its choices " + choices
                    : range().isEmpty() ? "not a valid " + type.name().toLowerCase(Locale.ROOT)
                    : "outside its declared range " + range());
        }
    }

    /**
     * The range as text: {@code 0..1} when both bounds are included, interval notation such as
     * {@code [0, 1)} when one is excluded; empty when there is no range.
     */
    public String range() {
        if (Double.isNaN(min) && Double.isNaN(max)) {
            return "";
        }
        String low = Double.isNaN(min) ? "-inf" : fmt(min);
        String high = Double.isNaN(max) ? "inf" : fmt(max);
        if (!minExcluded && !maxExcluded) {
            return low + ".." + high;
        }
        return (minExcluded || Double.isNaN(min) ? "(" : "[") + low + ", " + high + (maxExcluded || Double.isNaN(max) ? ")" : "]");
    }

    /** A short human form, e.g. {@code lr=0.01 (double, 0..10) learning rate}. */
    public String summary() {
        StringBuilder b = new StringBuilder(name).append('=').append(defaultValue == null ? "<required>" : defaultValue);
        b.append(" (").append(type.name().toLowerCase(Locale.ROOT));
        if (type == Type.CHOICE) {
            b.append(": ").append(String.join("|", choices));
        } else if (!range().isEmpty()) {
            b.append(", ").append(range());
        }
        return b.append(") ").append(help).toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
