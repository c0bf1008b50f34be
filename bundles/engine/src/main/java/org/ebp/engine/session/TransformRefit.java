package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataTransform;
import org.ebp.api.session.ComponentCatalog;

/**
 * Keeps the transforms across {@code data split}: the same chain (names and settings, in order)
 * is fitted again on the new {@code train} split and applied to every split. Refitting rather
 * than reusing the old values keeps the rule of section 1.4.3: a transform learns from the
 * training examples only, and the old values were learned from examples that may now be held out.
 */
final class TransformRefit {

    private TransformRefit() {
    }

    /**
     * @param split    the data as newly split, without transforms
     * @param previous the transforms fitted before the split, in order
     * @return the split data with the chain refitted, and one line per step
     */
    static TransformSteps.Step refit(SessionData split, List<SessionData.AppliedTransform> previous,
                                     ComponentCatalog catalog, ComputeService compute) {
        if (previous.isEmpty()) {
            return new TransformSteps.Step(split, new ArrayList<>());
        }
        List<DataTransform> components = new ArrayList<>();
        List<Settings> settings = new ArrayList<>();
        for (SessionData.AppliedTransform t : previous) {
            // looked up again: the bundle may have been updated since the transform was fitted
            DataTransform component = catalog.get(ComponentKind.TRANSFORM, t.name(), DataTransform.class);
            components.add(component);
            settings.add(component.settings(t.fitted().settings()));
        }
        return TransformSteps.fitAll(split, components, settings, compute);
    }
}
