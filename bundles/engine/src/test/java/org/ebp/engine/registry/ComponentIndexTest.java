package org.ebp.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentEntry;
import org.ebp.api.session.UnknownComponentException;
import org.junit.jupiter.api.Test;

class ComponentIndexTest {

    private static ComponentIndex.Registration reg(long id, ComponentKind kind, String name, int ranking, Object service) {
        return new ComponentIndex.Registration(id, new ComponentEntry(kind, name, name + " help", List.of(),
                "org.example 1.0.0", ranking), service);
    }

    @Test
    void unknownNameListsTheAvailableOnesSorted() {
        ComponentIndex index = new ComponentIndex();
        index.add(reg(1, ComponentKind.OPTIMIZER, "sgd", 0, "s"));
        index.add(reg(2, ComponentKind.OPTIMIZER, "adam", 0, "a"));
        index.add(reg(3, ComponentKind.OPTIMIZER, "momentum", 0, "m"));
        index.add(reg(4, ComponentKind.SCHEDULE, "constant", 0, "c"));
        UnknownComponentException e = assertThrows(UnknownComponentException.class,
                () -> index.get(ComponentKind.OPTIMIZER, "sgdd", String.class));
        assertEquals("no optimizer named 'sgdd'; available: adam, momentum, sgd", e.getMessage());
    }

    @Test
    void emptyKindSaysNothingIsRegistered() {
        ComponentIndex index = new ComponentIndex();
        UnknownComponentException e = assertThrows(UnknownComponentException.class,
                () -> index.get(ComponentKind.COMPUTE, null, String.class));
        assertEquals("no compute named 'default'; no compute is registered (is its bundle installed and started?)",
                e.getMessage());
    }

    @Test
    void highestRankingWinsForTheSameNameAndForDefault() {
        ComponentIndex index = new ComponentIndex();
        index.add(reg(10, ComponentKind.COMPUTE, "java", 0, "java"));
        index.add(reg(11, ComponentKind.COMPUTE, "jblas", 100, "jblas"));
        assertEquals("jblas", index.get(ComponentKind.COMPUTE, null, String.class));
        assertEquals("jblas", index.get(ComponentKind.COMPUTE, "default", String.class));
        assertEquals("java", index.get(ComponentKind.COMPUTE, "java", String.class));
        index.add(reg(12, ComponentKind.COMPUTE, "java", 5, "java-newer"));
        assertEquals("java-newer", index.get(ComponentKind.COMPUTE, "java", String.class));
        assertEquals(5, index.entry(ComponentKind.COMPUTE, "java").ranking());
        index.remove(12);
        assertEquals("java", index.get(ComponentKind.COMPUTE, "java", String.class));
        index.remove(11);
        assertEquals("java", index.get(ComponentKind.COMPUTE, null, String.class));
    }

    @Test
    void tiesGoToTheFirstRegistered() {
        ComponentIndex index = new ComponentIndex();
        index.add(reg(7, ComponentKind.SAMPLER, "shuffle", 0, "second"));
        index.add(reg(3, ComponentKind.SAMPLER, "shuffle", 0, "first"));
        assertEquals("first", index.get(ComponentKind.SAMPLER, "shuffle", String.class));
    }

    @Test
    void listIsSortedByKindThenNameAndFiltersByKind() {
        ComponentIndex index = new ComponentIndex();
        index.add(reg(1, ComponentKind.SCHEDULE, "step", 0, "x"));
        index.add(reg(2, ComponentKind.OPTIMIZER, "sgd", 0, "x"));
        index.add(reg(3, ComponentKind.OPTIMIZER, "adam", 0, "x"));
        List<ComponentEntry> all = index.list(null);
        assertEquals(List.of("adam", "sgd", "step"), all.stream().map(ComponentEntry::name).toList());
        assertEquals(List.of("step"), index.list(ComponentKind.SCHEDULE).stream().map(ComponentEntry::name).toList());
    }

    @Test
    void lookupIgnoresCaseAndSpaces() {
        ComponentIndex index = new ComponentIndex();
        Object service = new Object();
        index.add(reg(1, ComponentKind.ACTIVATION, "scaled-tanh", 0, service));
        assertSame(service, index.get(ComponentKind.ACTIVATION, " Scaled-Tanh ", Object.class));
    }

    @Test
    void aServiceOfTheWrongTypeIsRefusedClearly() {
        ComponentIndex index = new ComponentIndex();
        index.add(reg(1, ComponentKind.LOSS, "mse", 0, "not a loss"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> index.get(ComponentKind.LOSS, "mse", Integer.class));
        assertEquals("loss 'mse' from org.example 1.0.0 is not a Integer this engine can use "
                + "(does it implement another API version?)", e.getMessage());
    }

    private static ComponentIndex.Registration from(long id, String bundle, Object service) {
        return new ComponentIndex.Registration(id, new ComponentEntry(ComponentKind.OPTIMIZER, "nadam", "", List.of(),
                bundle, 0), service);
    }

    @Test
    void ofTwoVersionsOfAComponentTheHigherWinsAndTheUserIsTold() {
        // issue #14, point 5: before, the first registered (the older jar) was used and nothing was said
        ComponentIndex index = new ComponentIndex();
        List<String> told = new java.util.ArrayList<>();
        index.announceTo(told::add);
        index.add(from(20, "org.example.nadam 1.0.0", "old"));
        index.add(from(21, "org.example.nadam 1.0.10", "new"));
        assertEquals("new", index.get(ComponentKind.OPTIMIZER, "nadam", String.class), "1.0.10 is above 1.0.9 and 1.0.0");
        String line = "optimizer 'nadam' is provided 2 times: org.example.nadam 1.0.10 is used (the higher version wins); "
                + "not org.example.nadam 1.0.0 (plugin uninstall the one you do not want)";
        assertEquals(List.of(line), told);
        assertEquals(List.of(line), index.notices());
        assertEquals(2, index.list(ComponentKind.OPTIMIZER).size(), "both are listed");
        index.remove(21);
        assertEquals("old", index.get(ComponentKind.OPTIMIZER, "nadam", String.class));
        assertEquals(List.of(), index.notices());
    }

    @Test
    void anExplicitRankingStillComesBeforeTheVersion() {
        ComponentIndex index = new ComponentIndex();
        index.add(new ComponentIndex.Registration(30, new ComponentEntry(ComponentKind.OPTIMIZER, "nadam", "", List.of(),
                "org.example.nadam 1.0.0", 10), "ranked"));
        index.add(from(31, "org.example.nadam 2.0.0", "newer"));
        assertEquals("ranked", index.get(ComponentKind.OPTIMIZER, "nadam", String.class));
        assertEquals(List.of("optimizer 'nadam' is provided 2 times: org.example.nadam 1.0.0 is used (its service.ranking 10 "
                + "is the highest); not org.example.nadam 2.0.0 (plugin uninstall the one you do not want)"), index.notices());
    }

    @Test
    void aRefusalIsListedUntilItsServiceGoes() {
        ComponentIndex index = new ComponentIndex();
        List<String> told = new java.util.ArrayList<>();
        index.announceTo(told::add);
        index.refuse(40, "refused optimizer 'x' from b 1.0.0: reason");
        assertEquals(List.of("refused optimizer 'x' from b 1.0.0: reason"), told);
        assertEquals(told, index.notices());
        assertThrows(UnknownComponentException.class, () -> index.get(ComponentKind.OPTIMIZER, "x", String.class));
        index.remove(40);
        assertEquals(List.of(), index.notices());
    }
}
