package org.ebp.engine.training;

import org.ebp.api.component.Settings;

/**
 * A component in use: its name, validated settings and the service object resolved for it.
 * The session keeps the name and settings; the service is resolved again by name at every
 * epoch start, so an updated bundle's service takes over.
 */
public record Choice<T>(String name, Settings settings, T service) {

    /** "adam lr=0.001 beta1=0.9", or just the name when it takes no settings. */
    public String describe() {
        String s = settings.toString();
        return s.isEmpty() ? name : name + " " + s;
    }

    public Choice<T> with(T newService, Settings newSettings) {
        return new Choice<>(name, newSettings, newService);
    }
}
