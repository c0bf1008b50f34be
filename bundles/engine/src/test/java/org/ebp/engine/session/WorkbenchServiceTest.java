package org.ebp.engine.session;

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
}
