package org.ebp.engine.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.api.session.SessionStatus;
import org.ebp.engine.training.Precision;
import org.ebp.engine.training.TrainingProgress;

/** The {@link SessionStatus} of a session: its data, network, components, progress and seeds. */
final class StatusReport {

    private StatusReport() {
    }

    /**
     * @param state "idle", "training" or "paused (reason)"
     * @param data  the session's data, or null when none is loaded
     */
    static SessionStatus of(String state, SessionData data, SessionModel model, ComponentChoices choices,
            TrainingProgress progress, long shuffleSeed) {
        Map<String, Integer> splits = new LinkedHashMap<>();
        List<String> transforms = List.of();
        String dataset = null;
        Map<String, Long> seeds = new LinkedHashMap<>();
        if (data != null) {
            dataset = SessionData.summary(data.base());
            data.splits().forEach((k, v) -> splits.put(k, v.size()));
            transforms = DataDescription.transformNames(data);
            if (data.isSplit()) {
                seeds.put("split", data.splitSeed());
            }
        }
        if (model.setup != null) {
            seeds.put("init", model.setup.seed());
        }
        seeds.put("shuffle", shuffleSeed);
        Map<String, String> components = choices.describe();
        if (model.network != null) {
            components.put("precision", precision(model, choices));
        }
        return new SessionStatus(state, dataset, splits, transforms,
                model.setup == null ? null : model.network == null ? model.setup.describe() : model.setup.describe(model.network.spec()),
                model.network == null ? 0 : model.network.size(), components, progress.epoch(), progress.step(),
                progress.lastReport(), seeds);
    }

    /** The precision setting and, when float32 does not apply to the next steps, why they run in float64. */
    private static String precision(SessionModel model, ComponentChoices choices) {
        if (model.precision != Precision.FLOAT32) {
            return model.precision.word();
        }
        String optimizer = choices.optimizer == null ? ComponentChoices.DEFAULT_OPTIMIZER : choices.optimizer.name();
        boolean elementwise = choices.optimizer == null || choices.optimizer.service() instanceof ElementwiseUpdate;
        return elementwise ? "float32 (float64 master copy)"
                : "float32 requested; float64 with optimizer '" + optimizer + "' (it has no elementwise update)";
    }
}
