package org.ebp.dashboard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Turns Felix HTTP's Jetty on at a port of 127.0.0.1 and off again, through its configuration
 * (PID {@code org.apache.felix.http}). The launcher starts Jetty disabled and bound to
 * 127.0.0.1, so nothing listens until {@code dashboard start}.
 */
final class HttpEndpoint {

    static final String PID = "org.apache.felix.http";
    static final String HOST = "127.0.0.1";
    /** How long Jetty may take to (re)start with a new port. */
    private static final long START_MILLIS = 20_000;
    private static final String RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";

    private final BundleContext context;
    private final ConfigurationAdmin configurations;

    HttpEndpoint(BundleContext context, ConfigurationAdmin configurations) {
        this.context = context;
        this.configurations = configurations;
    }

    /**
     * Listens on 127.0.0.1:port.
     *
     * @throws IllegalStateException when the port is taken or Jetty does not come up, naming the fix
     */
    void start(int port) throws IOException, InterruptedException {
        refuseTakenPort(port);
        configure(true, port);
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (!listening(port)) {
            if (System.currentTimeMillis() > deadline) {
                configure(false, port);
                throw new IllegalStateException("the web server did not start on " + HOST + ":" + port + " within "
                        + START_MILLIS / 1000 + " s; is org.apache.felix.http.jetty12 active? (lb)");
            }
            Thread.sleep(50);
        }
    }

    void stop() throws IOException {
        configure(false, 8080);
    }

    /**
     * Waits until nothing answers on that port of 127.0.0.1 any more: Config Admin hands the
     * configuration to the HTTP runtime on its own thread, so Jetty closes the port some time after
     * {@link #stop} returns.
     *
     * @return false when the port still answers after {@code millis}
     */
    boolean awaitClosed(int port, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress(HOST, port), 500);
            } catch (java.io.IOException refused) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    /** Whether the HTTP runtime says it serves on that port of 127.0.0.1. */
    boolean listening(int port) {
        String endpoint = endpoint();
        return endpoint != null && endpoint.contains("//" + HOST + ":" + port + "/");
    }

    /** The runtime's endpoint, e.g. http://127.0.0.1:8080/, or null when it serves nowhere. */
    String endpoint() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(RUNTIME, null);
            if (refs == null) {
                return null;
            }
            for (ServiceReference<?> ref : refs) {
                Object value = ref.getProperty("osgi.http.endpoint");
                String text = value instanceof String[] list ? String.join(" ", list) : value == null ? null : value.toString();
                if (text != null && !text.isBlank()) {
                    return text;
                }
            }
            return null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void configure(boolean enabled, int port) throws IOException {
        Configuration c = configurations.getConfiguration(PID, null);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("org.apache.felix.http.enable", Boolean.toString(enabled));
        p.put("org.apache.felix.https.enable", "false");
        p.put("org.apache.felix.http.host", HOST);
        p.put("org.osgi.service.http.port", Integer.toString(port));
        c.update(p);
    }

    /** One clear line instead of Jetty's stack trace in a log nobody reads. */
    private static void refuseTakenPort(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + HOST + " is in use (" + e.getMessage() + "); "
                    + "choose another, e.g. dashboard start port=" + (port == 65535 ? 8081 : port + 1));
        }
    }
}
