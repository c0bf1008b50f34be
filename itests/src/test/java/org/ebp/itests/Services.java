package org.ebp.itests;

import static org.junit.Assert.fail;

import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting for services in the container, with failures that say what was missing. */
public final class Services {

    /** Long enough for Declarative Services to activate a component on a loaded machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private Services() {
    }

    /** The service of that type, waiting up to {@link #DEFAULT_TIMEOUT} for it. */
    public static <T> T await(BundleContext context, Class<T> type) {
        return await(context, type, DEFAULT_TIMEOUT);
    }

    /** The service of that type, waiting up to {@code timeout}; fails the test when none comes. */
    public static <T> T await(BundleContext context, Class<T> type, Duration timeout) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            if (tracker.waitForService(timeout.toMillis()) == null) {
                fail("no " + type.getName() + " service registered within " + timeout.toSeconds() + " s");
            }
            // Get it through the context, which keeps using it after the tracker closes: a delayed
            // DS component whose last user lets go is deactivated.
            T service = context.getService(tracker.getServiceReference());
            if (service == null) {
                fail(type.getName() + " went away while it was being fetched");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + type.getName(), e);
        } finally {
            tracker.close();
        }
    }
}
