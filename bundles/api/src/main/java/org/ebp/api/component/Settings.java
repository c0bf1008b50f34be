package org.ebp.api.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validated settings of one component: every declared parameter has a value (given or default),
 * every value has the declared type and lies in the declared range. Immutable.
 *
 * <p>Created by {@link #parse(String, List, Map)}, which rejects unknown keys, malformed values,
 * values out of range and NaN with an {@link InvalidSettingException} naming the key and the fix.
 */
public final class Settings {

    private final String owner;
    private final Map<String, Object> values;
    private final Map<String, String> raw;

    private Settings(String owner, Map<String, Object> values, Map<String, String> raw) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(values);
        this.raw = Collections.unmodifiableMap(raw);
    }

    /** Empty settings for a component without parameters. */
    public static Settings empty(String owner) {
        return new Settings(owner, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /**
     * Validates {@code given} against {@code specs}.
     *
     * @param owner component name, used in messages
     * @throws InvalidSettingException for an unknown key, a missing required key, a malformed
     *                                 value, a value out of range, NaN or infinity
     */
    public static Settings parse(String owner, List<ParameterSpec> specs, Map<String, String> given) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            byName.put(s.name(), s);
        }
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw new InvalidSettingException("'" + owner + "' has no setting '" + shown(key) + "'; "
                        + (byName.isEmpty() ? "it takes no settings" : "its settings are " + byName.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            String text = given.containsKey(s.name()) ? given.get(s.name()) : s.defaultValue();
            if (text == null) {
                throw new InvalidSettingException("'" + owner + "' needs the setting " + s.name() + "=...: " + s.help());
            }
            if (!given.containsKey(s.name())) {
                try {
                    values.put(s.name(), convert(owner, s, text.trim()));
                } catch (InvalidSettingException e) {
                    // nothing the user typed: the component declares a default its own range refuses
                    throw new InvalidSettingException("'" + owner + "' is faulty: its default " + s.name() + "=" + shown(text)
                            + " is " + (s.type() == ParameterSpec.Type.CHOICE ? "not one of its choices " + s.choices()
                            : s.range().isEmpty() ? "not a valid " + s.type().name().toLowerCase(Locale.ROOT)
                            : "outside its declared range " + s.range()) + "; give " + s.name()
                            + "=... explicitly, or update or remove the plugin that provides it");
                }
            } else {
                values.put(s.name(), convert(owner, s, text.trim()));
            }
            raw.put(s.name(), text.trim());
        }
        return new Settings(owner, values, raw);
    }

    /** A name or value read from a file may be huge: at most 80 characters are quoted (org.ebp.io.Excerpt's rule; the API has no dependencies). */
    private static String shown(String text) {
        return text.length() <= 80 ? text : text.substring(0, 60).replace('\n', ' ') + "... (" + text.length() + " characters)";
    }

    private static Object convert(String owner, ParameterSpec s, String text) {
        String where = "'" + owner + "' setting " + s.name() + "=" + shown(text);
        try {
            switch (s.type()) {
                case DOUBLE -> {
                    double v = Double.parseDouble(text);
                    if (Double.isNaN(v) || Double.isInfinite(v)) {
                        throw new InvalidSettingException(where + " is not a finite number; give a finite value like " + s.defaultValue());
                    }
                    checkRange(where, s, v);
                    return v;
                }
                case INT -> {
                    int v = Integer.parseInt(text);
                    checkRange(where, s, v);
                    return v;
                }
                case LONG -> {
                    long v = Long.parseLong(text);
                    checkRange(where, s, v);
                    return v;
                }
                case BOOLEAN -> {
                    String t = text.toLowerCase(Locale.ROOT);
                    if (t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("1")) {
                        return Boolean.TRUE;
                    }
                    if (t.equals("false") || t.equals("no") || t.equals("off") || t.equals("0")) {
                        return Boolean.FALSE;
                    }
                    throw new InvalidSettingException(where + " is not a boolean; use true or false");
                }
                case CHOICE -> {
                    if (!s.choices().contains(text)) {
                        throw new InvalidSettingException(where + " is not allowed; use one of " + s.choices());
                    }
                    return text;
                }
                default -> {
                    return text;
                }
            }
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(where + " is not a valid " + s.type().name().toLowerCase(Locale.ROOT)
                    + "; for example " + s.name() + "=" + s.defaultValue());
        }
    }

    private static void checkRange(String where, ParameterSpec s, double v) {
        if (!s.inRange(v)) {
            throw new InvalidSettingException(where + " is out of range; allowed "
                    + (s.minExcluded() ? "above " : "") + bound(s.min(), "-inf") + " .. "
                    + (s.maxExcluded() ? "below " : "") + bound(s.max(), "inf"));
        }
    }

    private static String bound(double v, String none) {
        if (Double.isNaN(v) || Math.abs(v) >= Integer.MAX_VALUE) {
            return Double.isNaN(v) ? none : (v > 0 ? "inf" : "-inf");
        }
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The component these settings belong to. */
    public String owner() {
        return owner;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public double getDouble(String key) {
        return ((Number) require(key)).doubleValue();
    }

    public int getInt(String key) {
        return ((Number) require(key)).intValue();
    }

    public long getLong(String key) {
        return ((Number) require(key)).longValue();
    }

    public boolean getBoolean(String key) {
        return (Boolean) require(key);
    }

    public String getString(String key) {
        return require(key).toString();
    }

    /** The settings as text, suitable for storing and for {@link #parse} again. */
    public Map<String, String> asText() {
        return raw;
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("'" + owner + "' did not declare the setting '" + key + "'");
        }
        return v;
    }

    /** Settings as {@code key=value} pairs separated by spaces. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        raw.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.owner.equals(owner) && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return owner.hashCode() * 31 + values.hashCode();
    }
}
