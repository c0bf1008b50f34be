package org.ebp.engine.registry;

import java.util.List;
import org.ebp.api.component.ComponentKind;
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
        // services of a component interface are tracked too, so that one without ebp.kind is refused aloud, not ignored
        StringBuilder interfaces = new StringBuilder();
        for (ComponentKind kind : ComponentKind.values()) {
            interfaces.append("(" + Constants.OBJECTCLASS + "=").append(kind.serviceInterface()).append(')');
        }
        Filter filter = context.createFilter("(|(" + ComponentKind.PROPERTY_KIND + "=*)" + interfaces + ")");
        index.announceTo(line -> System.out.println("plugin: " + line));
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

    @Override
    public List<String> notices() {
        return index.notices();
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
            ArrivalCheck.Arrival arrival = arrival(reference, service);
            if (arrival.registration() == null) {
                index.refuse(serviceId(reference), arrival.refusal());
            } else {
                index.add(arrival.registration());
            }
            return service; // tracked either way: a refusal is forgotten when the service goes
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, Object service) {
            ArrivalCheck.Arrival arrival = arrival(reference, service);
            index.remove(serviceId(reference));
            if (arrival.registration() == null) {
                index.refuse(serviceId(reference), arrival.refusal());
            } else {
                index.add(arrival.registration());
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

    /** The registration for a service, or null when it is refused (see {@link ArrivalCheck}). */
    static ComponentIndex.Registration registration(ServiceReference<?> reference, Object service) {
        return arrival(reference, service).registration();
    }

    /** The service checked on arrival: a registration, or the line that says why it is refused. */
    static ArrivalCheck.Arrival arrival(ServiceReference<?> reference, Object service) {
        Object rankingProperty = reference.getProperty(Constants.SERVICE_RANKING);
        int ranking = rankingProperty instanceof Integer i ? i : 0;
        Bundle bundle = reference.getBundle();
        String bundleName = bundle == null ? "(unregistered)" : bundle.getSymbolicName() + " " + bundle.getVersion();
        Object classes = reference.getProperty(Constants.OBJECTCLASS);
        return ArrivalCheck.check(text(reference.getProperty(ComponentKind.PROPERTY_KIND)),
                text(reference.getProperty(ComponentKind.PROPERTY_NAME)), classes instanceof String[] a ? a : null,
                bundleName, ranking, serviceId(reference), service);
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
