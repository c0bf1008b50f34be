package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, point 7: an update that renames a setting (eps to epsilon) is reported as such with
 * the use line that fixes it, and the run ends instead of pausing for a component that "comes back".
 */
class RenamedSettingTest {

    /** Version 1 takes eps, version 2 epsilon. */
    static final class Versioned extends TestComponents.GradientDescent {
        private final String epsName;

        Versioned(String epsName) {
            super("nadam");
            this.epsName = epsName;
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.real("lr", 0.01, 0, 1, "rate"),
                    ParameterSpec.real(epsName, 1e-8, 0, 1, "added to the denominator").excludingMin());
        }
    }

    private final TestCatalog catalog = TestCatalog.standard();
    private final Session session = new Session(catalog.index(), new TestComponents.SimpleSplitter());

    RenamedSettingTest() throws DataFormatException {
        catalog.add(ComponentKind.OPTIMIZER, new Versioned("eps"));
        session.loadData("blobs", Map.of());
        session.createNetwork("in-6-out", Map.of());
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void theRunEndsNamingTheRenameAndTheFixInsteadOfWaiting() throws Exception {
        session.use(ComponentKind.OPTIMIZER, "nadam", Map.of("eps", "1e-6"));
        Future<List<EpochReport>> run = session.trainInBackground(100_000, Map.of("eval", "none"), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (session.status().step() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        catalog.remove(ComponentKind.OPTIMIZER, "nadam");
        catalog.add(ComponentKind.OPTIMIZER, new Versioned("epsilon"));
        run.get(20, TimeUnit.SECONDS); // before #14 it paused for good: "training resumes when it is back"
        String expected = "optimizer 'nadam' was updated and no longer takes the settings it was chosen with ('nadam' has "
                + "no setting 'eps'; its settings are [lr, epsilon]): eps is gone and epsilon is new (renamed?); choose it "
                + "again: use optimizer nadam lr=0.01 epsilon=1e-6";
        SessionEvent stop = session.history().stream().filter(e -> e.kind().equals("stop")).findFirst().orElseThrow();
        assertTrue(stop.text().contains(expected), stop.text());
        assertFalse(session.status().state().startsWith("paused"), session.status().state());

        session.use(ComponentKind.OPTIMIZER, "nadam", Map.of("epsilon", "1e-6"));
        long at = session.status().step();
        assertEquals(1, session.train(1, Map.of("eval", "none"), null).size());
        assertTrue(session.status().step() > at, "trains again from where it stopped");
    }
}
