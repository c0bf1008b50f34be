package org.ebp.engine.testing;

import java.util.List;
import org.ebp.api.component.Component;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentEntry;
import org.ebp.engine.registry.ComponentIndex;

/** A catalog filled by hand: the index behind the registry catalog, without OSGi. */
public final class TestCatalog {

    private final ComponentIndex index = new ComponentIndex();
    private long nextId = 1;
    private final java.util.Map<String, java.util.List<Long>> ids = new java.util.HashMap<>();

    public TestCatalog add(ComponentKind kind, Component component) {
        return add(kind, component, 0);
    }

    public TestCatalog add(ComponentKind kind, Component component, int ranking) {
        ids.computeIfAbsent(kind + "/" + component.name(), k -> new java.util.ArrayList<>()).add(nextId);
        index.add(new ComponentIndex.Registration(nextId++, new ComponentEntry(kind, component.name(),
                component.description(), component.parameters(), "test 0.0.0", ranking), component));
        return this;
    }

    /** Removes every component of that kind and name, as when its bundle stops. */
    public void remove(ComponentKind kind, String name) {
        ids.entrySet().removeIf(e -> {
            if (e.getKey().equals(kind + "/" + name)) {
                e.getValue().forEach(index::remove);
                return true;
            }
            return false;
        });
    }

    public ComponentIndex index() {
        return index;
    }

    /** Every test double the session needs by default, plus a few alternatives. */
    public static TestCatalog standard() {
        TestCatalog c = new TestCatalog();
        c.add(ComponentKind.COMPUTE, new NaiveCompute("java"), 0);
        c.add(ComponentKind.ACTIVATION, TestActivations.scaledTanh());
        c.add(ComponentKind.ACTIVATION, TestActivations.tanh());
        c.add(ComponentKind.ACTIVATION, TestActivations.linear());
        c.add(ComponentKind.ACTIVATION, TestActivations.logistic());
        c.add(ComponentKind.ACTIVATION, TestActivations.softmax());
        c.add(ComponentKind.LOSS, new org.ebp.engine.loss.MeanSquaredErrorLoss());
        c.add(ComponentKind.LOSS, new org.ebp.engine.loss.CrossEntropyLoss());
        c.add(ComponentKind.TARGET_CODING, TestComponents.coding("pm1", -1, 1));
        c.add(ComponentKind.TARGET_CODING, TestComponents.coding("one-hot", 0, 1));
        c.add(ComponentKind.TARGET_CODING, TestComponents.lowHigh());
        c.add(ComponentKind.INITIALIZER, new TestComponents.FanIn());
        c.add(ComponentKind.OPTIMIZER, new TestComponents.GradientDescent());
        c.add(ComponentKind.OPTIMIZER, new TestComponents.Momentum());
        c.add(ComponentKind.SCHEDULE, new TestComponents.Constant());
        c.add(ComponentKind.SAMPLER, new TestComponents.Shuffle());
        c.add(ComponentKind.DATASET, new TestComponents.Blobs());
        c.add(ComponentKind.DATASET, new TestComponents.Plane());
        c.add(ComponentKind.TRANSFORM, new TestComponents.Center());
        c.add(ComponentKind.TRANSFORM, new TestComponents.FirstTwo());
        return c;
    }

    public List<ComponentEntry> entries() {
        return index.list(null);
    }
}
