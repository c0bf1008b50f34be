package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.util.Map;
import org.ebp.api.session.TrainingSession;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.Test;

class WorkbenchServiceTest {

    private static WorkbenchService workbench(TestCatalog catalog) throws Exception {
        WorkbenchService w = new WorkbenchService();
        // what Declarative Services does for the @Reference fields
        for (String name : new String[] {"catalog", "splitter"}) {
            Field f = WorkbenchService.class.getDeclaredField(name);
            f.setAccessible(true);
            f.set(w, name.equals("catalog") ? catalog.index() : new TestComponents.SimpleSplitter());
        }
        return w;
    }

    @Test
    void keepsOneSessionUntilANewOneIsAskedFor() throws Exception {
        TestCatalog catalog = TestCatalog.standard();
        WorkbenchService w = workbench(catalog);
        assertSame(catalog.index(), w.catalog());
        TrainingSession first = w.session();
        assertSame(first, w.session());
        assertEquals("ebp-session-1", ((Session) first).threadName());
        first.loadData("blobs", Map.of());
        first.createNetwork("in-3-out", Map.of());
        TrainingSession second = w.newSession();
        assertNotSame(first, second);
        assertEquals("ebp-session-2", ((Session) second).threadName());
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> first.train(1, Map.of(), null));
        assertEquals("this session is closed; start a new one", closed.getMessage());
        w.deactivate();
        assertThrows(IllegalStateException.class, () -> second.loadData("blobs", Map.of()));
    }

    private static void setSplitter(WorkbenchService w, Object splitter) throws Exception {
        Field f = WorkbenchService.class.getDeclaredField("splitter");
        f.setAccessible(true);
        f.set(w, splitter); // what Declarative Services does when the data bundle goes and comes back
    }

    @Test
    void theSessionOutlivesTheSplittersBundle() throws Exception {
        WorkbenchService w = workbench(TestCatalog.standard());
        TrainingSession session = w.session();
        session.loadData("blobs", Map.of());
        session.createNetwork("in-3-out", Map.of("seed", "1"));
        double[] weights = ((Session) session).weights();

        setSplitter(w, null);
        IllegalStateException gone = assertThrows(IllegalStateException.class,
                () -> session.split(Map.of("train", "0.8", "test", "0.2")));
        assertEquals("no splitter is installed (it comes with the bundle org.ebp.data, which is gone or being updated); "
                + "install or start that bundle again, then split; the data is kept", gone.getMessage());
        assertSame(session, w.session());
        assertArrayEquals(weights, ((Session) session).weights(), "the refusal changed nothing");

        TestComponents.SimpleSplitter updated = new TestComponents.SimpleSplitter();
        setSplitter(w, updated);
        Map<String, Integer> sizes = session.split(Map.of("train", "0.8", "test", "0.2"));
        assertEquals(2, sizes.size());
        assertSame(session, w.session(), "the same session splits with the new bundle's splitter");
        assertArrayEquals(weights, ((Session) session).weights(), "a re-split that fits keeps the weights");
    }
}
