package org.ebp.compute.openblas;

import java.util.Hashtable;
import org.ebp.api.compute.ComputeService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Loads OpenBLAS when the bundle starts and registers {@link OpenBlasComputeService} once it is
 * known whether the natives loaded: with ranking {@value OpenBlasComputeService#RANKING} if they
 * did, {@value OpenBlasComputeService#UNAVAILABLE_RANKING} (listed by {@code compute} with the
 * reason, never chosen over jblas) if not.
 *
 * <p>The loading (JavaCPP checks or extracts about 60 MB of libraries, then the dynamic linker
 * maps them) runs on its own thread, so the shell is ready without waiting for it; sessions take
 * the highest-ranking provider on each use, so they move to OpenBLAS as soon as it is registered.
 */
@Component(immediate = true)
public final class OpenBlasRegistrar {

    private final Thread loader;
    private ServiceRegistration<ComputeService> registration;
    private boolean closed;

    @Activate
    public OpenBlasRegistrar(BundleContext context) {
        String mode = context.getProperty(OpenBlasLoader.MODE_PROPERTY);
        String home = context.getProperty("ebp.user.home");
        if (!"off".equalsIgnoreCase(mode == null ? "" : mode.trim())) {
            // At once, before the loading thread runs: jblas must not load Debian's OpenBLAS meanwhile.
            System.setProperty(OpenBlasLoader.MARKER_PROPERTY, "loading");
        }
        loader = new Thread(() -> register(context, mode, home), "ebp-openblas-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void register(BundleContext context, String mode, String home) {
        OpenBlasLoader.Status status;
        try {
            status = OpenBlasLoader.load(mode, home, OpenBlasLoader.JAVACPP);
        } catch (IllegalArgumentException e) {
            status = OpenBlasLoader.Status.unavailable(e.getMessage());
        }
        OpenBlasComputeService service = new OpenBlasComputeService(status,
                status.available() ? new BlasThreads() : new BlasThreads(() -> 1),
                context.getProperty(PinnedProducts.SWITCH_PROPERTY));
        applyThreadSetting(context, service);
        if (!status.available()) {
            OpenBlasLoader.releaseMarkerUnlessLoaded();
            System.err.println("WARNING [org.ebp.compute.openblas] OpenBLAS " + status.library());
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("ebp.kind", "compute");
        properties.put("ebp.name", "openblas");
        properties.put("service.ranking", status.available()
                ? OpenBlasComputeService.RANKING : OpenBlasComputeService.UNAVAILABLE_RANKING);
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                registration = context.registerService(ComputeService.class, service, properties);
            } catch (IllegalStateException e) {
                // The bundle stopped while the natives loaded.
            }
        }
    }

    /** {@code -Debp.compute.threads=N}: OpenBLAS's thread count from the start. */
    private static void applyThreadSetting(BundleContext context, OpenBlasComputeService service) {
        String text = context.getProperty("ebp.compute.threads");
        if (text == null || text.isBlank() || !service.available()) {
            return;
        }
        try {
            service.setThreads(Integer.parseInt(text.trim()));
        } catch (IllegalArgumentException e) {
            System.err.println("WARNING [org.ebp.compute.openblas] ignoring ebp.compute.threads=" + text.trim()
                    + ": give a whole number >= 1");
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            closed = true;
            if (registration != null) {
                try {
                    registration.unregister();
                } catch (IllegalStateException e) {
                    // Already gone with the bundle.
                }
                registration = null;
            }
        }
    }
}
