package org.ebp.engine.registry;

import org.ebp.api.session.ComponentCatalog;

/**
 * A catalog that tells listeners when components come and go, so that a training session
 * re-resolves its components only when something changed rather than at every step.
 */
public interface ObservableCatalog extends ComponentCatalog {

    void addListener(CatalogListener listener);

    void removeListener(CatalogListener listener);
}
