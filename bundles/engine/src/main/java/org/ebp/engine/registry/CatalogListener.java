package org.ebp.engine.registry;

import org.ebp.api.component.ComponentKind;

/**
 * Told when a component is registered, replaced or unregistered. Called on the thread that
 * changed the registry (an OSGi event thread, a bundle update in the shell), so it must return
 * quickly and must not call back into the registry under a lock of its own.
 */
@FunctionalInterface
public interface CatalogListener {

    /**
     * @param kind    the component's kind
     * @param name    the component's name
     * @param present true when a component of that kind and name is registered after the change
     */
    void componentChanged(ComponentKind kind, String name, boolean present);
}
