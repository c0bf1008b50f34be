package org.ebp.dashboard;

import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.command.CommandDeclaration;
import org.ebp.api.command.CommandDeclarations;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.session.Workbench;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code dashboard start [port=8080]}, {@code dashboard stop}, {@code dashboard}: the session's
 * page in a browser, served on 127.0.0.1 only. Off until started; stopping this bundle stops it.
 * Immediate: a delayed component would be discarded between two commands, and the server with it.
 */
@Component(service = {DashboardCommands.class, CommandDeclarations.class}, immediate = true, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=dashboard"})
public class DashboardCommands implements CommandDeclarations {

    /** The settings of dashboard start, declared once. */
    static final List<ParameterSpec> START = List.of(
            ParameterSpec.integer("port", 8080, 1024, 65535, "TCP port on 127.0.0.1"));

    /** The dashboard's commands, declared once: the shell's help and completion render these. */
    static final List<CommandDeclaration> COMMANDS = List.of(
            new CommandDeclaration("dashboard", null, "dashboard", "where the dashboard is, or that it is off",
                    List.of(), List.of()),
            new CommandDeclaration("dashboard", "start", "dashboard", "serve the session's live page on 127.0.0.1 only "
                    + "(curves with swaps and pauses, spectrum)",
                    List.of(), START),
            new CommandDeclaration("dashboard", "stop", "dashboard", "stop serving the page", List.of(), List.of()));

    @Reference
    private Workbench workbench;

    @Reference
    private ConfigurationAdmin configurations;

    private BundleContext context;
    private HttpEndpoint endpoint;
    /** The servlet while the dashboard is on, else null; guarded by this. */
    private ServiceRegistration<Servlet> servlet;
    private int port;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        this.endpoint = new HttpEndpoint(context, configurations);
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    @Deactivate
    synchronized void deactivate() throws IOException {
        if (servlet != null) {
            off();
        }
    }

    @Descriptor("dashboard start [port=8080]: serve the session's page (data, network, components, live loss and accuracy "
            + "curves with swaps and pauses, the Hessian spectrum) at http://127.0.0.1:PORT/, on this machine only; "
            + "dashboard stop: stop serving; dashboard: where it is")
    public synchronized void dashboard(CommandSession shell,
                                       @Descriptor("start, stop or nothing") String... words) throws Exception {
        PrintStream out = shell.getConsole();
        String what = words == null || words.length == 0 ? "" : words[0];
        switch (what) {
            case "" -> out.println(servlet == null ? "the dashboard is off; dashboard start [port=8080] serves it"
                    : "the dashboard is at " + url() + " (127.0.0.1 only)");
            case "start" -> {
                Map<String, String> given = new LinkedHashMap<>();
                for (int i = 1; i < words.length; i++) {
                    int eq = words[i].indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("expected key=value, got '" + words[i] + "'; e.g. dashboard "
                                + "start port=8080");
                    }
                    given.put(words[i].substring(0, eq).trim(), words[i].substring(eq + 1).trim());
                }
                int wanted = declaration("start").check(given).getInt("port");
                if (servlet != null && wanted == port) {
                    out.println("the dashboard is already at " + url());
                    return;
                }
                on(wanted);
                out.println("dashboard at " + url() + " (bound to 127.0.0.1 only: other machines cannot reach it; "
                        + "dashboard stop ends it)");
            }
            case "stop" -> {
                if (words.length > 1) {
                    throw new IllegalArgumentException("dashboard stop takes nothing after it, not '" + words[1] + "'");
                }
                if (servlet == null) {
                    out.println("the dashboard is not running");
                    return;
                }
                off();
                if (endpoint.awaitClosed(port, 10_000)) {
                    out.println("dashboard stopped; nothing listens on port " + port + " any more");
                } else {
                    out.println("dashboard stopped; the HTTP server is still closing port " + port);
                }
            }
            default -> throw new IllegalArgumentException("dashboard " + what + " is not a command; use dashboard start "
                    + "[port=8080], dashboard stop or dashboard");
        }
    }

    @Override
    public List<CommandDeclaration> commands() {
        return COMMANDS;
    }

    private static CommandDeclaration declaration(String sub) {
        return COMMANDS.stream().filter(d -> sub.equals(d.sub())).findFirst().orElseThrow();
    }

    private void on(int wanted) throws IOException, InterruptedException {
        if (servlet != null) {
            off();
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/*");
        properties.put("osgi.http.whiteboard.servlet.name", "ebp-dashboard");
        ServiceRegistration<Servlet> registration = context.registerService(Servlet.class, new DashboardServlet(workbench),
                properties);
        try {
            endpoint.start(wanted);
        } catch (IOException | InterruptedException | RuntimeException e) {
            registration.unregister();
            throw e;
        }
        servlet = registration;
        port = wanted;
    }

    private void off() throws IOException {
        try {
            servlet.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregisters a stopping bundle's services itself
        }
        servlet = null;
        endpoint.stop();
    }

    private String url() {
        return "http://" + HttpEndpoint.HOST + ":" + port + "/";
    }
}
