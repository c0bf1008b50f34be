package org.ebp.samplers;

import java.util.List;
import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Sampler;
import org.osgi.service.component.annotations.Component;

/**
 * Adaptive batch size (section 1.4.1): "start with a small batch size and increase the size as
 * training proceeds", so that early steps are cheap and noisy and late steps are accurate. The
 * chapter gives no schedule; this one is geometric:
 * <pre>  batch(epoch) = min(max, n, round(start * factor^floor((epoch - 1) / every)))</pre>
 * with {@code start=0} meaning the session's batch size. The order is a fresh shuffle every epoch.
 */
@Component(service = Sampler.class, property = {"ebp.kind=sampler", "ebp.name=" + GrowingBatchSampler.NAME})
public final class GrowingBatchSampler implements Sampler {

    static final String NAME = "growing-batch";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer("start", 1, 0, Integer.MAX_VALUE,
                    "batch size of the first epoch (0 = the session's batch size)"),
            ParameterSpec.real("factor", 2.0, 1.0, 1e3, "the batch size is multiplied by this every `every` epochs"),
            ParameterSpec.integer("every", 1, 1, Integer.MAX_VALUE, "epochs between two growths"),
            ParameterSpec.integer("max", 256, 1, Integer.MAX_VALUE, "largest batch size (also never above the training set)"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "shuffled order; batch size starts small and grows geometrically every few epochs (sec. 1.4.1)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /** Also rejects {@code start > max}, which no schedule can honour. */
    @Override
    public Settings settings(Map<String, String> raw) {
        Settings settings = Sampler.super.settings(raw);
        checkStartBelowMax(settings);
        return settings;
    }

    private static void checkStartBelowMax(Settings settings) {
        if (settings.getInt("start") > settings.getInt("max")) {
            throw new InvalidSettingException("'" + NAME + "' setting start=" + settings.getInt("start")
                    + " is above max=" + settings.getInt("max") + "; lower start or raise max");
        }
    }

    @Override
    public EpochPlan plan(Context context, State state, Settings settings) {
        ExampleOrders.check(context, NAME);
        checkStartBelowMax(settings);
        int[] order = ExampleOrders.permutation(context.size(), context.random());
        return new EpochPlan(order, batchSize(context.epoch(), context.batchSize(), context.size(), settings));
    }

    /** The batch size of {@code epoch} (from 1), at least 1. */
    static int batchSize(int epoch, int sessionBatchSize, int trainingSetSize, Settings settings) {
        int start = settings.getInt("start") == 0 ? sessionBatchSize : settings.getInt("start");
        int growths = (epoch - 1) / settings.getInt("every");
        // In double, then clamped: start * factor^growths overflows int after a few dozen epochs.
        double grown = Math.rint(start * Math.pow(settings.getDouble("factor"), growths));
        double limit = Math.min(settings.getInt("max"), Math.max(1, trainingSetSize));
        return (int) Math.max(1, Math.min(grown, limit));
    }
}
