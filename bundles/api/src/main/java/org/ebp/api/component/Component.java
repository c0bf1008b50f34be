package org.ebp.api.component;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every component can say about itself, so that the shell can list it, show help and
 * validate {@code key=value} settings. Its kind and name are also service properties
 * ({@link ComponentKind#PROPERTY_KIND}, {@link ComponentKind#PROPERTY_NAME}).
 */
@ConsumerType
public interface Component {

    /** Kebab-case name, unique within the kind; equal to the {@code ebp.name} service property. */
    String name();

    /** One line of help. */
    String description();

    /** The settings this component accepts, with defaults, ranges and help. Empty when none. */
    default List<ParameterSpec> parameters() {
        return List.of();
    }

    /** Validates raw user settings against {@link #parameters()}, filling defaults. */
    default Settings settings(java.util.Map<String, String> raw) {
        return Settings.parse(name(), parameters(), raw);
    }

    /** Default settings. */
    default Settings defaults() {
        return Settings.parse(name(), parameters(), java.util.Map.of());
    }
}
