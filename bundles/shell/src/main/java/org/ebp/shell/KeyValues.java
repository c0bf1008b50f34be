package org.ebp.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the {@code key=value} words of a command line into an ordered map. */
final class KeyValues {

    private KeyValues() {
    }

    /**
     * @throws IllegalArgumentException for a word without '=', an empty key or a repeated key
     */
    static LinkedHashMap<String, String> parse(List<String> words) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + w + "'; write settings as key=value, e.g. lr=0.01");
            }
            String key = w.substring(0, eq).trim();
            String value = w.substring(eq + 1).trim();
            if (map.containsKey(key)) {
                throw new IllegalArgumentException("setting '" + key + "' is given twice; give it once");
            }
            map.put(key, value);
        }
        return map;
    }

    static LinkedHashMap<String, String> parse(String[] words, int from) {
        return parse(words == null || from >= words.length ? List.of() : List.of(words).subList(from, words.length));
    }

    /** Removes and returns a key's value, or the fallback. */
    static String take(Map<String, String> map, String key, String fallback) {
        String v = map.remove(key);
        return v == null ? fallback : v;
    }
}
