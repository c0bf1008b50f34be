package org.ebp.engine.session;

import java.util.concurrent.atomic.AtomicInteger;
import org.ebp.api.data.Splitter;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The workbench service: the component catalog and the current {@link Session}. */
@Component(service = Workbench.class)
public final class WorkbenchService implements Workbench {

    @Reference
    private ComponentCatalog catalog;

    /**
     * Dynamic and optional: an update of the data bundle must not deactivate this service (that
     * would close the session and lose its data and weights). Sessions ask for it when they split.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Splitter splitter;

    private final AtomicInteger sessionNumbers = new AtomicInteger();
    private Session current;

    @Override
    public ComponentCatalog catalog() {
        return catalog;
    }

    @Override
    public synchronized TrainingSession session() {
        if (current == null) {
            current = newRecordingSession();
        }
        return current;
    }

    @Override
    public synchronized TrainingSession newSession() {
        if (current != null) {
            current.close();
        }
        current = newRecordingSession();
        return current;
    }

    /** A session that keeps a record of every run in the workbench home's runs folder. */
    private Session newRecordingSession() {
        Session session = new Session(catalog, () -> splitter, sessionNumbers.incrementAndGet());
        session.recordRunsIn(org.ebp.engine.runs.RunFolder.ofHome());
        return session;
    }

    @Deactivate
    synchronized void deactivate() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
