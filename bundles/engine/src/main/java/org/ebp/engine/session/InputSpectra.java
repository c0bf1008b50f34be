package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.session.InputSpectrumStage;
import org.ebp.engine.data.InputSpectrum;

/**
 * The input covariance eigenvalues of the training set as loaded and after each fitted transform
 * (section 1.4.3): the transforms are applied again, in order, to the raw training set, so every
 * stage is the set the next transform was fitted on.
 */
final class InputSpectra {

    private InputSpectra() {
    }

    /** The stages of {@code data}'s transform chain; the caller holds the session's lock. */
    static List<InputSpectrumStage> of(SessionData data, ComputeService compute) {
        if (compute == null) {
            throw new IllegalStateException("no compute service is installed; the input spectrum needs its eigen solver");
        }
        Dataset stage = data.isSplit() ? data.rawSplits().get(SessionData.TRAIN) : data.base();
        List<InputSpectrumStage> stages = new ArrayList<>();
        stages.add(stage("as loaded", stage, compute));
        for (SessionData.AppliedTransform t : data.transforms()) {
            stage = t.transform().apply(t.fitted(), stage);
            stages.add(stage(t.name() + settingsText(t.fitted().settings()), stage, compute));
        }
        return stages;
    }

    private static InputSpectrumStage stage(String name, Dataset set, ComputeService compute) {
        if (set.features() > InputSpectrum.MAX_FEATURES) {
            throw new IllegalArgumentException("the input spectrum is not computed for " + set.features()
                    + " features (at most " + InputSpectrum.MAX_FEATURES + "); reduce them first, e.g. transform pca "
                    + "components=500");
        }
        InputSpectrum.Result r = InputSpectrum.of(set, compute);
        double[] ascending = r.covariance();
        double[] descending = new double[ascending.length];
        for (int i = 0; i < ascending.length; i++) {
            descending[i] = ascending[ascending.length - 1 - i];
        }
        return new InputSpectrumStage(name, r.features(), descending, r.nonZero());
    }

    private static String settingsText(Map<String, String> settings) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(settings).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }
}
