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
import org.ebp.api.compute.ComputeService;
import org.ebp.api.session.ComponentCatalog;
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
