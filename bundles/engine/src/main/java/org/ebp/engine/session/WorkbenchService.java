package org.ebp.engine.session;

import java.util.concurrent.atomic.AtomicInteger;
import org.ebp.api.data.Splitter;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The workbench service: the component catalog and the current {@link Session}. */
@Component(service = Workbench.class)
public final class WorkbenchService implements Workbench {

    @Reference
    private ComponentCatalog catalog;

    @Reference
    private Splitter splitter;

    private final AtomicInteger sessionNumbers = new AtomicInteger();
    private Session current;

    @Override
    public ComponentCatalog catalog() {
        return catalog;
    }

    @Override
    public synchronized TrainingSession session() {
        if (current == null) {
            current = new Session(catalog, splitter, sessionNumbers.incrementAndGet());
        }
        return current;
    }

    @Override
    public synchronized TrainingSession newSession() {
        if (current != null) {
            current.close();
        }
        current = new Session(catalog, splitter, sessionNumbers.incrementAndGet());
        return current;
    }

    @Deactivate
    synchronized void deactivate() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
