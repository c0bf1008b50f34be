package org.ebp.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.junit.jupiter.api.Test;

/** How a service reference becomes a catalog entry (the tracker itself needs a running framework). */
class RegistryCatalogTest {

    private static ServiceReference<?> reference(Map<String, Object> properties) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> "org.ebp.example";
                    case "getVersion" -> new Version(1, 2, 3);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ServiceReference<?>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getBundle" -> bundle;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void entryCarriesKindNameDescriptionBundleAndRanking() {
        ComponentIndex.Registration r = RegistryCatalog.registration(reference(Map.of(
                "ebp.kind", "loss", "ebp.name", "mse", "service.id", 12L, "service.ranking", 7)), new MeanSquaredErrorLoss());
        assertEquals(12L, r.serviceId());
        assertEquals(ComponentKind.LOSS, r.entry().kind());
        assertEquals("mse", r.entry().name());
        assertEquals(new MeanSquaredErrorLoss().description(), r.entry().description());
        assertEquals("org.ebp.example 1.2.3", r.entry().bundle());
        assertEquals(7, r.entry().ranking());
    }

    @Test
    void aComponentWithoutEbpNameIsRefusedNamingTheFix() {
        // before issue #14 it was taken under name() and plugin list (which reads the property) left it out
        ArrivalCheck.Arrival a = RegistryCatalog.arrival(reference(Map.of(
                "ebp.kind", "loss", "service.id", 3L)), new MeanSquaredErrorLoss());
        assertNull(a.registration());
        assertEquals("refused loss 'mse' from org.ebp.example 1.2.3: it has no ebp.name service property, so the shell "
                + "cannot list it; add ebp.name=mse (the name its name() returns)", a.refusal());
    }

    @Test
    void rankingDefaultsToZero() {
        ComponentIndex.Registration r = RegistryCatalog.registration(reference(Map.of(
                "ebp.kind", "loss", "ebp.name", "mse", "service.id", 3L)), new MeanSquaredErrorLoss());
        assertEquals(0, r.entry().ranking());
    }

    @Test
    void unknownKindsAndNamelessServicesAreNotTracked() {
        assertNull(RegistryCatalog.registration(reference(Map.of("ebp.kind", "gadget", "ebp.name", "x", "service.id", 1L)),
                new MeanSquaredErrorLoss()));
        assertNull(RegistryCatalog.registration(reference(Map.of("ebp.kind", "loss", "service.id", 1L)), new Object()));
    }
}
