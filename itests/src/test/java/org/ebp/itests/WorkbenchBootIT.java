package org.ebp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.HessianTools;
import org.ebp.api.session.Workbench;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/** The full workbench feature boots in a real Felix: bundles active, core services and components present. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WorkbenchBootIT {

    /** The component kinds the workbench must offer out of the box to train anything. */
    private static final Set<ComponentKind> REQUIRED_KINDS =
            EnumSet.of(ComponentKind.OPTIMIZER, ComponentKind.ACTIVATION, ComponentKind.INITIALIZER, ComponentKind.DATASET);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
    }

    @Test
    public void everyBundleIsActive() {
        List<String> inactive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                inactive.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " (state " + bundle.getState() + ")");
            }
        }
        assertEquals("bundles not ACTIVE: " + inactive, List.of(), inactive);
        for (String required : List.of("org.ebp.api", "org.ebp.engine", "org.ebp.shell", "org.apache.felix.scr")) {
            assertTrue(required + " is not installed", installed(required));
        }
    }

    @Test
    public void aComputeServiceIsRegistered() {
        ComputeService compute = Services.await(context, ComputeService.class);
        assertNotNull(compute.library());
    }

    @Test
    public void theWorkbenchServiceIsRegistered() {
        Workbench workbench = Services.await(context, Workbench.class);
        assertNotNull(workbench.catalog());
    }

    @Test
    public void theCatalogListsOptimizersActivationsInitializersAndDatasets() throws InterruptedException {
        ComponentCatalog catalog = Services.await(context, Workbench.class).catalog();
        // Components arrive asynchronously through Declarative Services; give them the same time as a service.
        long deadline = System.nanoTime() + Services.DEFAULT_TIMEOUT.toNanos();
        Set<ComponentKind> missing = EnumSet.copyOf(REQUIRED_KINDS);
        while (true) {
            missing.removeIf(kind -> !catalog.list(kind).isEmpty());
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        if (!missing.isEmpty()) {
            fail("the catalog lists no components of kinds " + missing + "; it has " + catalog.list(null));
        }
    }

    @Test
    public void ebpCommandsRunThroughTheCommandProcessor() {
        Services.await(context, Workbench.class);
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            String output = gogo.run(String.join("\n", "# list the optimizers", "", "components optimizer"));
            assertTrue(output, output.startsWith("g! components optimizer"));
            assertTrue(output, output.contains("sgd"));
        }
    }

    /**
     * help renders the declarations the session checks against (train, hessian) and those of the
     * plots and dashboard bundles, so what help says is what is accepted.
     */
    @Test
    public void helpRendersTheSessionsDeclarationsAndThoseOfThePlotsAndTheDashboard() throws Exception {
        Workbench workbench = Services.await(context, Workbench.class);
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            String train = gogo.run("help train");
            for (ParameterSpec p : workbench.session().trainSettings()) {
                assertTrue("help train shows the session's " + p.name() + ": " + train, train.contains(p.summary()));
            }
            HessianTools tools = (HessianTools) workbench.session();
            String spectrum = gogo.run("help hessian spectrum");
            for (ParameterSpec p : tools.spectrumSettings()) {
                assertTrue(spectrum, spectrum.contains(p.summary()));
            }
            String all = gogo.run("help");
            for (String line : List.of("plots:", "  plot curves", "  plot spectrum", "  plot inputs", "dashboard:",
                    "  dashboard start", "  dashboard stop")) {
                assertTrue(line + " in " + all, all.contains(line));
            }
            String plot = gogo.run("help plot spectrum");
            assertTrue(plot, plot.contains("plot spectrum file=... [width=800] [height=500]"));
            assertTrue(plot, plot.contains(tools.spectrumSettings().get(0).summary()));
            AssertionError bad = assertThrows(AssertionError.class, () -> gogo.run("plot curves file=c.png widht=900"));
            assertTrue(bad.getMessage(), bad.getMessage().contains("no setting 'widht'"));
            AssertionError port = assertThrows(AssertionError.class, () -> gogo.run("dashboard start port=80"));
            assertTrue(port.getMessage(), port.getMessage().contains("port"));
        }
    }

    @Test
    public void aFailingScriptCommandNamesItsLine() {
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            AssertionError failure = assertThrows(AssertionError.class, () -> gogo.run("lb\n\nno-such-command 1\nlb"));
            assertTrue(failure.getMessage(), failure.getMessage().startsWith("line 3: no-such-command 1: "));
            assertEquals("the script went on after the failure", 1, gogo.output().split("g! lb", -1).length - 1);
        }
    }

    private boolean installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }
}
