package org.ebp.api.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a run, as the commands that make it (the content of an experiment file): data source
 * and settings, split, transforms in order, network, components with their settings, epochs and
 * train settings. Immutable; the {@code with...} methods return changed copies, which is how an
 * ablation variant or a sweep point is made.
 *
 * @param split      the split's settings, or null for none
 * @param components kind ({@code optimizer}, {@code schedule}, {@code sampler}, {@code compute}) to the component chosen
 * @param train      the train settings ({@code batch}, {@code eval}, {@code seed}, ...)
 */
public record Recipe(Step data, Map<String, String> split, List<Step> transforms, String netSpec,
                     Map<String, String> netSettings, Map<String, Step> components, int epochs,
                     Map<String, String> train) {

    /** A named component with its settings as text. */
    public record Step(String name, Map<String, String> settings) {
        public Step {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
        }

        /** This step with one setting changed (null removes it). */
        public Step with(String key, String value) {
            Map<String, String> s = new LinkedHashMap<>(settings);
            if (value == null) {
                s.remove(key);
            } else {
                s.put(key, value);
            }
            return new Step(name, s);
        }
    }

    public Recipe {
        split = split == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(split));
        transforms = List.copyOf(transforms);
        netSettings = Collections.unmodifiableMap(new LinkedHashMap<>(netSettings));
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        train = Collections.unmodifiableMap(new LinkedHashMap<>(train));
    }

    /** The component chosen for a kind, or null. */
    public Step component(String kind) {
        return components.get(kind);
    }

    public Recipe withTransforms(List<Step> chain) {
        return new Recipe(data, split, chain, netSpec, netSettings, components, epochs, train);
    }

    /** This recipe with one {@code net} setting changed (null removes it). */
    public Recipe withNet(String key, String value) {
        return new Recipe(data, split, transforms, netSpec, put(netSettings, key, value), components, epochs, train);
    }

    /** This recipe with another component of a kind. */
    public Recipe withComponent(String kind, Step component) {
        Map<String, Step> c = new LinkedHashMap<>(components);
        c.put(kind, component);
        return new Recipe(data, split, transforms, netSpec, netSettings, c, epochs, train);
    }

    /** This recipe with one {@code train} setting changed (null removes it). */
    public Recipe withTrain(String key, String value) {
        return new Recipe(data, split, transforms, netSpec, netSettings, components, epochs, put(train, key, value));
    }

    public Recipe withEpochs(int n) {
        return new Recipe(data, split, transforms, netSpec, netSettings, components, n, train);
    }

    /** The transforms' names in order. */
    public List<String> transformNames() {
        List<String> names = new ArrayList<>();
        transforms.forEach(t -> names.add(t.name()));
        return names;
    }

    private static Map<String, String> put(Map<String, String> map, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(map);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }
}
