package org.ebp.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentEntry;
import org.junit.jupiter.api.Test;

/** Listeners hear every registration and removal, with whether the name is still registered. */
class CatalogListenerTest {

    private static ComponentIndex.Registration registration(long id, String name) {
        return new ComponentIndex.Registration(id, new ComponentEntry(ComponentKind.OPTIMIZER, name, "", List.of(),
                "test 1.0.0", 0), new Object());
    }

    @Test
    void addsAndRemovesAreHeardWithPresence() {
        ComponentIndex index = new ComponentIndex();
        List<String> heard = new ArrayList<>();
        CatalogListener listener = (kind, name, present) -> heard.add(kind + "/" + name + "=" + present);
        index.addListener(listener);
        index.add(registration(1, "adam"));
        index.add(registration(2, "adam")); // a second version beside the first
        index.remove(1);
        index.remove(2);
        index.remove(3); // unknown id: nothing changed, nothing heard
        index.removeListener(listener);
        index.add(registration(4, "sgd"));
        assertEquals(List.of("optimizer/adam=true", "optimizer/adam=true", "optimizer/adam=true", "optimizer/adam=false"),
                heard);
    }

    @Test
    void aFailingListenerDoesNotStopTheChangeOrTheOthers() {
        ComponentIndex index = new ComponentIndex();
        List<String> heard = new ArrayList<>();
        index.addListener((kind, name, present) -> {
            throw new IllegalStateException("broken listener");
        });
        index.addListener((kind, name, present) -> heard.add(name));
        index.add(registration(1, "adam"));
        assertEquals(List.of("adam"), heard);
        assertEquals(1, index.list(ComponentKind.OPTIMIZER).size());
    }
}
