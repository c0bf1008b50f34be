package org.ebp.api.session;

import org.osgi.annotation.versioning.ProviderType;

/** The entry point a shell or a test uses: the component catalog and the current session. */
@ProviderType
public interface Workbench {

    ComponentCatalog catalog();

    /** The current session (created on first use). */
    TrainingSession session();

    /** Discards the current session and starts an empty one. */
    TrainingSession newSession();
}
