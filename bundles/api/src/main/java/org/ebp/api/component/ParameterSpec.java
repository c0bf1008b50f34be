package org.ebp.api.component;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Describes one setting of a component: its name, type, default, allowed range or choices and a
 * line of help. Immutable.
 *
 * @param name kebab-case or short name as typed in {@code key=value}
 * @param type value type
 * @param defaultValue default as text (parsed with the type); null means "required"
 * @param min smallest allowed value for numbers (inclusive), or NaN for none
 * @param max largest allowed value for numbers (inclusive), or NaN for none
 * @param choices allowed values for {@link Type#CHOICE}
 * @param help one line of help
 */
public record ParameterSpec(String name, Type type, String defaultValue, double min, double max,
                            List<String> choices, String help) {

    /** Value types of settings. */
    public enum Type { DOUBLE, INT, LONG, BOOLEAN, STRING, CHOICE }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = choices == null ? List.of() : List.copyOf(choices);
        help = help == null ? "" : help;
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

    /** True when the setting has no default and must be given. */
    public boolean required() {
        return defaultValue == null;
    }

    /** A short human form, e.g. {@code lr=0.01 (double, 0..10) learning rate}. */
    public String summary() {
        StringBuilder b = new StringBuilder(name).append('=').append(defaultValue == null ? "<required>" : defaultValue);
        b.append(" (").append(type.name().toLowerCase(Locale.ROOT));
        if (type == Type.CHOICE) {
            b.append(": ").append(String.join("|", choices));
        } else if (!Double.isNaN(min) || !Double.isNaN(max)) {
            b.append(", ").append(Double.isNaN(min) ? "-inf" : fmt(min)).append("..").append(Double.isNaN(max) ? "inf" : fmt(max));
        }
        return b.append(") ").append(help).toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
