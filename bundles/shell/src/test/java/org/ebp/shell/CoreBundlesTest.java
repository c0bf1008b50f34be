package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which bundles plugin uninstall protects: the workbench's own and its runtime, not component bundles. */
class CoreBundlesTest {

    @Test
    void theEngineApiShellAndRuntimeAreCoreAndComponentBundlesAreNot() {
        for (String core : new String[] {"org.ebp.engine", "org.ebp.api", "org.ebp.shell", "org.ebp.io",
                "org.apache.felix.scr", "org.apache.felix.gogo.runtime", "org.osgi.util.promise", "com.google.gson"}) {
            assertNotNull(CoreBundles.loss(core), core);
        }
        for (String component : new String[] {"org.ebp.data", "org.ebp.transforms", "org.ebp.optim.first",
                "org.ebp.compute.jblas", "org.ebp.examples.plugin", null}) {
            assertNull(CoreBundles.loss(component), component);
        }
    }

    @Test
    void theRefusalSaysWhatIsLostAndHowToForceIt() {
        assertEquals("org.ebp.engine is a core bundle of the workbench (the engine: sessions, networks and training; the "
                + "session would be closed and every command would be gone); it is not uninstalled. Add force=true to "
                + "uninstall it anyway, or update it with plugin update org.ebp.engine",
                CoreBundles.refusal("org.ebp.engine", CoreBundles.loss("org.ebp.engine")));
    }
}
