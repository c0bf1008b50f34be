package org.ebp.shell.console;

import org.apache.felix.service.command.CommandProcessor;
import org.ebp.api.session.Workbench;
import org.ebp.shell.CommandIndex;
import org.ebp.shell.RunCommands;
import org.ebp.shell.StudyJobs;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Starts the interactive console on the terminal when the launcher asks for it (framework property
 * {@code ebp.console=true}, not in script mode), and ends it when this bundle stops. The console
 * comes back when the bundle is updated.
 */
@Component(immediate = true)
public class ConsoleComponent {

    static final String ENABLE_PROPERTY = "ebp.console";

    @Reference
    private CommandProcessor processor;

    @Reference
    private CommandIndex index;

    @Reference
    private Workbench workbench;

    @Reference
    private RunCommands runs;

    @Reference
    private StudyJobs studies;

    private Thread thread;
    private volatile Runnable closer;

    @Activate
    void activate(BundleContext context) {
        if (!Boolean.parseBoolean(context.getProperty(ENABLE_PROPERTY))) {
            return;
        }
        thread = new Thread(() -> {
            try {
                // JLine is an optional import: without it there is no console, only scripts.
                ConsoleLoop loop = new ConsoleLoop(context, processor, index, workbench, runs, studies);
                closer = loop::close;
                loop.run();
            } catch (NoClassDefFoundError e) {
                System.err.println("workbench: the interactive console needs the bundles org.jline and "
                        + "org.apache.felix.gogo.jline (" + e.getMessage() + ")");
            }
        }, "ebp-console");
        thread.start();
    }

    @Deactivate
    void deactivate() {
        Runnable c = closer;
        if (c != null) {
            c.run();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
