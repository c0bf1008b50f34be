package org.ebp.engine.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.ComponentEntry;
import org.ebp.api.session.UnknownComponentException;

/**
 * The registered components, looked up by kind and name: the plain-Java core of
 * {@link RegistryCatalog}, also usable without OSGi.
 *
 * <p>Thread-safe: registrations replace an immutable, sorted snapshot (copy on write), so the
 * frequent look-ups never lock and never see a half-updated list.
 *
 * <p>Several services may share a kind and name (a newer bundle beside an older one); a look-up
 * returns the one with the highest {@code service.ranking}, then the one from the bundle with the
 * higher version, then the lowest service id (the one registered first). Each such duplicate is
 * announced when it arrives and listed by {@link #notices()}, as are components refused on arrival.
 */
public final class ComponentIndex implements ObservableCatalog {

    /** The name that stands for "the highest-ranking component of the kind". */
    public static final String DEFAULT_NAME = "default";

    /**
     * One registered service.
     *
     * @param serviceId unique key of the registration (the OSGi {@code service.id})
     */
    public record Registration(long serviceId, ComponentEntry entry, Object service) {
        public Registration {
            Objects.requireNonNull(entry);
            Objects.requireNonNull(service);
        }
    }

    private static final Comparator<Registration> ORDER = Comparator
            .comparing((Registration r) -> r.entry().kind())
            .thenComparing(r -> r.entry().name())
            .thenComparing(Comparator.comparingInt((Registration r) -> r.entry().ranking()).reversed())
            .thenComparing((Registration a, Registration b) -> BundleVersions.compare(b.entry().bundle(), a.entry().bundle()))
            .thenComparingLong(Registration::serviceId);

    private volatile List<Registration> registrations = List.of();
    /** Components refused on arrival, by service id, with the line that says why. */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, String> refusals = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile java.util.function.Consumer<String> announcer = line -> { };
    private final java.util.concurrent.CopyOnWriteArrayList<CatalogListener> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void addListener(CatalogListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(CatalogListener listener) {
        listeners.remove(listener);
    }

    /** Where arrival lines go (the shell's output); nowhere by default. */
    public void announceTo(java.util.function.Consumer<String> lines) {
        announcer = Objects.requireNonNull(lines, "lines");
    }

    /** Adds or replaces the registration with that service id, then tells the listeners. */
    public void add(Registration registration) {
        refusals.remove(registration.serviceId());
        addQuietly(registration);
        String duplicate = duplicateNotice(registrations, registration.entry().kind(), registration.entry().name());
        if (duplicate != null) {
            announce(duplicate);
        }
        fire(registration.entry().kind(), registration.entry().name());
    }

    /** Records a component refused on arrival (not usable), and says so. */
    public void refuse(long serviceId, String line) {
        removeQuietly(serviceId);
        refusals.put(serviceId, line);
        announce(line);
    }

    private void announce(String line) {
        try {
            announcer.accept(line);
        } catch (RuntimeException e) {
            // the catalog changes whatever the output does
        }
    }

    /**
     * Lines about the components as registered now: one per refused component, one per kind and
     * name provided more than once (saying which is used and why). Empty when all is well.
     */
    public List<String> notices() {
        List<String> lines = new ArrayList<>(refusals.values());
        List<Registration> snapshot = registrations;
        for (int i = 0; i < snapshot.size(); i++) {
            Registration r = snapshot.get(i);
            if (i > 0 && snapshot.get(i - 1).entry().kind() == r.entry().kind()
                    && snapshot.get(i - 1).entry().name().equals(r.entry().name())) {
                continue;
            }
            String line = duplicateNotice(snapshot, r.entry().kind(), r.entry().name());
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** "optimizer 'nadam' is provided 2 times: org.x 1.0.1 is used (the higher version); not org.x 1.0.0", or null. */
    private static String duplicateNotice(List<Registration> snapshot, ComponentKind kind, String name) {
        List<Registration> same = snapshot.stream()
                .filter(r -> r.entry().kind() == kind && r.entry().name().equals(name)).toList(); // sorted: first is used
        if (same.size() < 2) {
            return null;
        }
        Registration used = same.get(0);
        Registration next = same.get(1);
        String why = used.entry().ranking() != next.entry().ranking() ? "its service.ranking " + used.entry().ranking()
                + " is the highest"
                : BundleVersions.compare(used.entry().bundle(), next.entry().bundle()) != 0 ? "the higher version wins"
                : "registered first";
        return kind + " '" + name + "' is provided " + same.size() + " times: " + used.entry().bundle() + " is used (" + why
                + "); not " + same.stream().skip(1).map(r -> r.entry().bundle()).collect(Collectors.joining(", "))
                + " (plugin uninstall the one you do not want)";
    }

    /** Removes the registration with that service id, if present, then tells the listeners. */
    public void remove(long serviceId) {
        refusals.remove(serviceId);
        Registration removed = removeQuietly(serviceId);
        if (removed != null) {
            fire(removed.entry().kind(), removed.entry().name());
        }
    }

    /** Outside the index's lock: a listener may look components up at once. */
    private void fire(ComponentKind kind, String name) {
        if (listeners.isEmpty()) {
            return;
        }
        boolean present = false;
        for (Registration r : registrations) {
            present |= r.entry().kind() == kind && r.entry().name().equals(name);
        }
        for (CatalogListener listener : listeners) {
            try {
                listener.componentChanged(kind, name, present);
            } catch (RuntimeException e) {
                // a faulty listener must not keep the registry from changing or others from hearing
            }
        }
    }

    private synchronized void addQuietly(Registration registration) {
        List<Registration> next = new ArrayList<>(registrations.size() + 1);
        for (Registration r : registrations) {
            if (r.serviceId() != registration.serviceId()) {
                next.add(r);
            }
        }
        next.add(registration);
        next.sort(ORDER);
        registrations = List.copyOf(next);
    }

    private synchronized Registration removeQuietly(long serviceId) {
        for (Registration r : registrations) {
            if (r.serviceId() == serviceId) {
                List<Registration> next = new ArrayList<>(registrations);
                next.remove(r);
                registrations = List.copyOf(next);
                return r;
            }
        }
        return null;
    }

    @Override
    public List<ComponentEntry> list(ComponentKind kind) {
        List<ComponentEntry> out = new ArrayList<>();
        for (Registration r : registrations) {
            if (kind == null || r.entry().kind() == kind) {
                out.add(r.entry());
            }
        }
        return out;
    }

    @Override
    public <T> T get(ComponentKind kind, String name, Class<T> type) {
        Registration r = find(kind, name);
        if (!type.isInstance(r.service())) {
            // a service of the right kind and name from a bundle wired to another API version
            for (Registration other : registrations) {
                if (other.entry().kind() == kind && other.entry().name().equals(r.entry().name())
                        && type.isInstance(other.service())) {
                    return type.cast(other.service());
                }
            }
            throw new IllegalArgumentException(kind + " '" + r.entry().name() + "' from " + r.entry().bundle()
                    + " is not a " + type.getSimpleName() + " this engine can use (does it implement another API version?)");
        }
        return type.cast(r.service());
    }

    @Override
    public ComponentEntry entry(ComponentKind kind, String name) {
        return find(kind, name).entry();
    }

    private Registration find(ComponentKind kind, String name) {
        Objects.requireNonNull(kind, "kind");
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        List<Registration> snapshot = registrations;
        Registration highest = null;
        for (Registration r : snapshot) {
            if (r.entry().kind() != kind) {
                continue;
            }
            if (r.entry().name().equalsIgnoreCase(wanted)) {
                return r; // the snapshot is sorted: the first match ranks highest
            }
            if (highest == null || r.entry().ranking() > highest.entry().ranking()
                    || (r.entry().ranking() == highest.entry().ranking() && r.serviceId() < highest.serviceId())) {
                highest = r;
            }
        }
        if ((wanted.isEmpty() || wanted.equals(DEFAULT_NAME)) && highest != null) {
            return highest;
        }
        String available = snapshot.stream().filter(r -> r.entry().kind() == kind).map(r -> r.entry().name())
                .distinct().collect(Collectors.joining(", "));
        String shown = name == null || name.isBlank() ? DEFAULT_NAME : name.trim();
        throw new UnknownComponentException("no " + kind + " named '" + shown + "'; "
                + (available.isEmpty() ? "no " + kind + " is registered (is its bundle installed and started?)"
                : "available: " + available));
    }
}
