package org.ebp.engine.registry;

import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.ComponentEntry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The component catalog backed by the service registry: tracks every service that carries an
 * {@code ebp.kind} property, so a component is usable as soon as its bundle starts and gone as
 * soon as it stops. Look-ups go through a {@link ComponentIndex}.
 */
@Component(service = ComponentCatalog.class)
public final class RegistryCatalog implements ObservableCatalog {

    private final ComponentIndex index = new ComponentIndex();
    private ServiceTracker<Object, Object> tracker;

    @Activate
    void activate(BundleContext context) throws InvalidSyntaxException {
        Filter filter = context.createFilter("(" + ComponentKind.PROPERTY_KIND + "=*)");
        tracker = new ServiceTracker<>(context, filter, new Customizer(context));
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    @Override
    public void addListener(CatalogListener listener) {
        index.addListener(listener);
    }

    @Override
    public void removeListener(CatalogListener listener) {
        index.removeListener(listener);
    }

    @Override
    public List<ComponentEntry> list(ComponentKind kind) {
        return index.list(kind);
    }

    @Override
    public <T> T get(ComponentKind kind, String name, Class<T> type) {
        return index.get(kind, name, type);
    }

    @Override
    public ComponentEntry entry(ComponentKind kind, String name) {
        return index.entry(kind, name);
    }

    private final class Customizer implements ServiceTrackerCustomizer<Object, Object> {
        private final BundleContext context;

        Customizer(BundleContext context) {
            this.context = context;
        }

        @Override
        public Object addingService(ServiceReference<Object> reference) {
            Object service = context.getService(reference);
            if (service == null) {
                return null;
            }
            ComponentIndex.Registration registration = registration(reference, service);
            if (registration == null) {
                context.ungetService(reference);
                return null; // not a kind this catalog knows: not tracked
            }
            index.add(registration);
            return service;
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, Object service) {
            ComponentIndex.Registration registration = registration(reference, service);
            if (registration == null) {
                index.remove(serviceId(reference));
            } else {
                index.add(registration);
            }
        }

        @Override
        public void removedService(ServiceReference<Object> reference, Object service) {
            index.remove(serviceId(reference));
            context.ungetService(reference);
        }
    }

    private static long serviceId(ServiceReference<?> reference) {
        Object id = reference.getProperty(Constants.SERVICE_ID);
        return id instanceof Number n ? n.longValue() : -1;
    }

    /** The registration for a service, or null when its kind is not one of {@link ComponentKind}. */
    static ComponentIndex.Registration registration(ServiceReference<?> reference, Object service) {
        ComponentKind kind;
        try {
            kind = ComponentKind.parse(text(reference.getProperty(ComponentKind.PROPERTY_KIND)));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String name = text(reference.getProperty(ComponentKind.PROPERTY_NAME));
        String description = "";
        List<ParameterSpec> parameters = List.of();
        if (service instanceof org.ebp.api.component.Component component) {
            try {
                if (name == null || name.isBlank()) {
                    name = component.name();
                }
                description = component.description();
                parameters = component.parameters();
            } catch (RuntimeException e) {
                description = "(cannot describe itself: " + e + ")";
            }
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        Object rankingProperty = reference.getProperty(Constants.SERVICE_RANKING);
        int ranking = rankingProperty instanceof Integer i ? i : 0;
        Bundle bundle = reference.getBundle();
        String bundleName = bundle == null ? "(unregistered)" : bundle.getSymbolicName() + " " + bundle.getVersion();
        ComponentEntry entry = new ComponentEntry(kind, name.trim(), description, parameters, bundleName, ranking);
        return new ComponentIndex.Registration(serviceId(reference), entry, service);
    }

    private static String text(Object property) {
        if (property instanceof String s) {
            return s;
        }
        if (property instanceof String[] array && array.length > 0) {
            return array[0];
        }
        return property == null ? null : property.toString();
    }
}
