package org.ebp.engine.registry;

import java.util.Arrays;
import java.util.List;
import org.ebp.api.component.Component;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.session.ComponentEntry;

/**
 * What the catalog checks when a component's service arrives, before anyone can choose it: its
 * {@code ebp.kind} names a kind and its service interface, its {@code ebp.name} is there and
 * equals {@code name()} (the session looks it up by one and records the other), and every
 * default lies in its declared range. A component that fails is refused, with one line that
 * names it, its bundle, the problem and the fix; it is never half-usable.
 */
final class ArrivalCheck {

    /** The registration to add, or null and the line saying why not. */
    record Arrival(ComponentIndex.Registration registration, String refusal) {
    }

    private ArrivalCheck() {
    }

    /**
     * @param kindProperty  the {@code ebp.kind} property (null when absent)
     * @param nameProperty  the {@code ebp.name} property (null when absent)
     * @param objectClasses the interfaces the service is registered under, or null when unknown
     * @param bundle        symbolic name and version of the providing bundle
     */
    static Arrival check(String kindProperty, String nameProperty, String[] objectClasses, String bundle, int ranking,
            long serviceId, Object service) {
        String own = ownName(service);
        String shown = nameProperty != null && !nameProperty.isBlank() ? nameProperty.trim() : own;
        String what = (shown == null ? "a service" : "'" + shown + "'") + " from " + bundle;
        if (kindProperty == null || kindProperty.isBlank()) {
            ComponentKind implemented = kindOf(objectClasses);
            return refused("refused " + (implemented == null ? "" : implemented + " ") + what + ": it has no ebp.kind "
                    + "service property, so no command can see it; register it with ebp.kind="
                    + (implemented == null ? "KIND" : implemented.id()) + (shown == null ? "" : " and ebp.name=" + shown));
        }
        ComponentKind kind;
        try {
            kind = ComponentKind.parse(kindProperty);
        } catch (IllegalArgumentException e) {
            return refused("refused " + what + ": ebp.kind=" + kindProperty.trim() + " is not a component kind; use one of "
                    + Arrays.stream(ComponentKind.values()).map(ComponentKind::id).toList());
        }
        String kindWhat = kind + " " + what;
        if (objectClasses != null && !Arrays.asList(objectClasses).contains(kind.serviceInterface())) {
            return refused("refused " + kindWhat + ": it says ebp.kind=" + kind.id() + " but is not registered as "
                    + kind.serviceInterface() + " (it is registered as " + String.join(", ", objectClasses)
                    + "); fix its service or its ebp.kind");
        }
        if (nameProperty == null || nameProperty.isBlank()) {
            if (own == null) {
                return refused("refused " + kindWhat + ": it has no ebp.name service property; add ebp.name=NAME");
            }
            return refused("refused " + kindWhat + ": it has no ebp.name service property, so the shell cannot list it; "
                    + "add ebp.name=" + own + " (the name its name() returns)");
        }
        String name = nameProperty.trim();
        if (own != null && !own.equals(name)) {
            return refused("refused " + kindWhat + ": its ebp.name is '" + name + "' but its name() returns '" + own
                    + "'; make them equal (use and train look it up by the one and record the other)");
        }
        String description = "";
        List<ParameterSpec> parameters = List.of();
        if (service instanceof Component component) {
            try {
                description = component.description();
                parameters = component.parameters();
            } catch (RuntimeException e) {
                description = "(cannot describe itself: " + e + ")";
            }
            for (ParameterSpec p : parameters) {
                String problem = p.defaultProblem();
                if (problem != null) {
                    return refused("refused " + kindWhat + ": " + problem + "; fix the default or the range in the plugin "
                            + "and update it (use would otherwise fail on a value nobody typed)");
                }
            }
        }
        ComponentEntry entry = new ComponentEntry(kind, name, description, parameters, bundle, ranking);
        return new Arrival(new ComponentIndex.Registration(serviceId, entry, service), null);
    }

    private static Arrival refused(String line) {
        return new Arrival(null, line);
    }

    /** The component's own name, or null when it is not a component or cannot say. */
    private static String ownName(Object service) {
        if (service instanceof Component component) {
            try {
                String n = component.name();
                return n == null || n.isBlank() ? null : n.trim();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** The kind whose service interface is among the object classes, or null. */
    private static ComponentKind kindOf(String[] objectClasses) {
        if (objectClasses == null) {
            return null;
        }
        for (ComponentKind k : ComponentKind.values()) {
            if (Arrays.asList(objectClasses).contains(k.serviceInterface())) {
                return k;
            }
        }
        return null;
    }
}
