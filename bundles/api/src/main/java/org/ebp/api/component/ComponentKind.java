package org.ebp.api.component;

import java.util.Arrays;
import java.util.Locale;

/**
 * The families of components. A component is an OSGi service registered with the properties
 * {@link #PROPERTY_KIND} (one of these kinds, in kebab-case) and {@link #PROPERTY_NAME}
 * (kebab-case, unique within its kind), e.g. {@code ebp.kind=optimizer, ebp.name=sgd}.
 */
public enum ComponentKind {
    OPTIMIZER("optimizer", "org.ebp.api.optim.Optimizer"),
    SCHEDULE("schedule", "org.ebp.api.optim.Schedule"),
    SAMPLER("sampler", "org.ebp.api.optim.Sampler"),
    ACTIVATION("activation", "org.ebp.api.model.Activation"),
    TARGET_CODING("target-coding", "org.ebp.api.model.TargetCoding"),
    INITIALIZER("initializer", "org.ebp.api.model.Initializer"),
    LOSS("loss", "org.ebp.api.model.Loss"),
    TRANSFORM("transform", "org.ebp.api.data.DataTransform"),
    DATASET("dataset", "org.ebp.api.data.DatasetSource"),
    COMPUTE("compute", "org.ebp.api.compute.ComputeService");

    /** Service property naming the kind of a component. */
    public static final String PROPERTY_KIND = "ebp.kind";
    /** Service property naming a component within its kind. */
    public static final String PROPERTY_NAME = "ebp.name";

    private final String id;
    private final String serviceInterface;

    ComponentKind(String id, String serviceInterface) {
        this.id = id;
        this.serviceInterface = serviceInterface;
    }

    /** The kebab-case name used in service properties and shell commands. */
    public String id() {
        return id;
    }

    /** Fully qualified name of the service interface components of this kind implement. */
    public String serviceInterface() {
        return serviceInterface;
    }

    /** Parses a kind as typed by a user; accepts the id and a few plural or underscore forms. */
    public static ComponentKind parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ComponentKind k : values()) {
            if (k.id.equals(t) || (k.id + "s").equals(t)) {
                return k;
            }
        }
        if (t.equals("coding") || t.equals("codings")) {
            return TARGET_CODING;
        }
        throw new IllegalArgumentException("unknown component kind '" + text + "'; use one of "
                + Arrays.stream(values()).map(ComponentKind::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
