package org.ebp.itests;

import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/** Finding and refreshing bundles in the framework under test, for the swap, soak and pause tests. */
final class Bundles {

    private Bundles() {
    }

    /** The installed bundle with this symbolic name; fails the test when there is none. */
    static Bundle named(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    /** Refreshes the wiring of {@code bundle} and waits (at most 30 s) until the framework has done it. */
    static void refresh(BundleContext context, Bundle bundle) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue("refresh", done.await(30, TimeUnit.SECONDS));
    }
}
