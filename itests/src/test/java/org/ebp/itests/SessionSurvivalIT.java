package org.ebp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingSession;
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

/**
 * The workbench service and its session outlive the update, stop and uninstall of component
 * bundles, the data bundle included (issue 12, item 5): same service, same session, same data and
 * weights.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SessionSurvivalIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
    }

    @Test
    public void updatingStoppingAndUninstallingTheDataBundleKeepsTheSession() throws Exception {
        Workbench workbench = Services.await(context, Workbench.class);
        HotSwapIT.awaitTrue("the components are registered", () -> workbench.catalog().list(ComponentKind.OPTIMIZER)
                .stream().anyMatch(e -> e.name().equals("adam")));
        TrainingSession session = workbench.newSession();
        session.loadData("digits", Map.of());
        session.split(Map.of("train", "0.8", "test", "0.2", "seed", "1"));
        session.createNetwork("in-30-out", Map.of("seed", "1"));
        session.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.01"));
        Future<List<EpochReport>> run = session.trainInBackground(100_000, Map.of("batch", "10", "eval", "none"), null);
        HotSwapIT.awaitTrue("training runs", () -> session.status().step() > 20);

        Bundle data = Bundles.named(context, "org.ebp.data");
        data.update();
        Bundles.refresh(context, data);
        assertSurvived(workbench, session);
        data = Bundles.named(context, "org.ebp.data");
        data.stop();
        assertSurvived(workbench, session);
        data.start();
        String location = data.getLocation();
        data.uninstall();
        Bundles.refresh(context, data);
        assertSurvived(workbench, session);
        context.installBundle(location).start();
        assertSurvived(workbench, session);

        assertTrue(session.stop());
        run.get(1, TimeUnit.MINUTES);
        HotSwapIT.awaitTrue("the new data bundle's splitter is bound",
                () -> splits(session) == 2);
        assertNotNull("a re-split that fits the network keeps it", session.status().network());
    }

    @Test
    public void coreBundlesAreNotUninstalledFromThePluginCommandWithoutForce() throws Exception {
        Services.await(context, Workbench.class);
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            for (String core : List.of("org.ebp.engine", "org.ebp.api", "org.ebp.shell", "org.apache.felix.scr")) {
                String refusal = refusal(gogo, "plugin uninstall " + core);
                assertTrue(refusal, refusal.startsWith(core + " is a core bundle of the workbench ("));
                assertTrue(refusal, refusal.contains("Add force=true to uninstall it anyway"));
                assertEquals(core + " is still active", Bundle.ACTIVE, Bundles.named(context, core).getState());
            }
            String bad = refusal(gogo, "plugin uninstall org.ebp.engine force=maybe");
            assertTrue(bad, bad.startsWith("force=maybe must be true or false"));
        }
    }

    private static String refusal(GogoScriptSession gogo, String command) {
        try {
            gogo.execute(command);
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError(command + " was accepted");
    }

    private static int splits(TrainingSession session) {
        try {
            // the same split: another would put examples the trained network learned from into test (refused)
            return session.split(Map.of("train", "0.8", "test", "0.2", "seed", "1")).size();
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("no splitter is installed"));
            return 0;
        }
    }

    /** The same service object and session, still holding the data and still stepping. */
    private void assertSurvived(Workbench workbench, TrainingSession session) throws Exception {
        Workbench now = Services.await(context, Workbench.class);
        assertSame("the workbench service was not re-created", workbench, now);
        assertSame("the session was not replaced", session, now.session());
        assertNotNull("the data is still loaded", session.status().dataset());
        long step = session.status().step();
        HotSwapIT.awaitTrue("training goes on", () -> session.status().step() > step);
        assertFalse(session.status().state(), session.status().state().startsWith("idle"));
    }
}
