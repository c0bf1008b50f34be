package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Requirements;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue #14, point 8: requirements a plugin can state, refused before training with text that reads right. */
class PluginRequirementsTest {

    private final TestCatalog catalog = TestCatalog.standard();
    private final Session session = new Session(catalog.index(), new TestComponents.SimpleSplitter());

    PluginRequirementsTest() throws DataFormatException {
        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.Demanding("needs-jacobian",
                new Requirements(false, false, Set.of(Capability.JACOBIAN), 0, "use sgd")));
        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.Demanding("mse-only",
                Requirements.NONE.withLosses(Set.of("mse")).withAlternative("use sgd")));
        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.Demanding("small-batches",
                Requirements.NONE.withBatchSizes(1, 32)));
        session.loadData("blobs", Map.of());
        session.split(Map.of("train", "0.7", "test", "0.3"));
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aJacobianOnACrossEntropyNetworkIsRefusedBeforeTraining() {
        session.createNetwork("in-6-out", Map.of("output", "softmax"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> session.use(ComponentKind.OPTIMIZER, "needs-jacobian", Map.of()));
        assertEquals("optimizer 'needs-jacobian' needs the Jacobian of the residuals, which exists only for a squared-error "
                + "loss, but the network uses loss 'cross-entropy'; create the network with loss=mse and an elementwise "
                + "output, or use sgd", e.getMessage());
        assertEquals(0, session.status().step(), "nothing trained");
        // with squared error the same optimizer is accepted
        session.createNetwork("in-6-out", Map.of("output", "tanh", "coding", "low-high", "loss", "mse"));
        assertTrue(session.use(ComponentKind.OPTIMIZER, "needs-jacobian", Map.of()).startsWith("optimizer needs-jacobian"));
    }

    @Test
    void anOptimizerCanSayWhichLossesItAccepts() {
        session.createNetwork("in-6-out", Map.of("output", "softmax"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> session.use(ComponentKind.OPTIMIZER, "mse-only", Map.of()));
        assertEquals("optimizer 'mse-only' works only with the loss mse but the network uses loss 'cross-entropy'; "
                + "create the network with loss=mse, or use sgd", e.getMessage());
        assertFalse(e.getMessage().contains("use use"));
    }

    @Test
    void batchSizeLimitsAreCheckedAtTrain() {
        session.createNetwork("in-6-out", Map.of());
        session.use(ComponentKind.OPTIMIZER, "small-batches", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> session.train(1, Map.of("batch", "64", "eval", "none"), null));
        assertEquals("optimizer 'small-batches' works with batches of at most 32 examples but train uses batch=64; "
                + "train with batch=32", e.getMessage());
        assertEquals(0, session.status().step());
        assertEquals(1, session.train(1, Map.of("batch", "32", "eval", "none"), null).size());
    }
}
