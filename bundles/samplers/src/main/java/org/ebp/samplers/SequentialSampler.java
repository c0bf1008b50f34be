package org.ebp.samplers;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Sampler;
import org.osgi.service.component.annotations.Component;

/**
 * Presents the examples in a fixed order every epoch, with the session's batch size: the stored
 * order {@code 0..n-1}, or with {@code order=by-class} all examples of class 0, then all of
 * class 1, and so on (stored order within a class). A baseline: section 1.4.2 warns that
 * successive examples of one class, as in a data set sorted by class, slow stochastic learning,
 * and {@code order=by-class} reproduces that situation whatever the stored order is.
 */
@Component(service = Sampler.class, property = {"ebp.kind=sampler", "ebp.name=" + SequentialSampler.NAME})
public final class SequentialSampler implements Sampler {

    static final String NAME = "sequential";

    static final String STORED = "stored";
    static final String BY_CLASS = "by-class";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice("order", STORED, List.of(STORED, BY_CLASS),
                    "stored: 0..n-1; by-class: sorted by class, the order the paper warns against (regression: stored)"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "fixed order every epoch, stored or sorted by class (baseline; sec. 1.4.2 recommends shuffling instead)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public EpochPlan plan(Context context, State state, Settings settings) {
        ExampleOrders.check(context, NAME);
        boolean byClass = settings != null && settings.has("order") && settings.getString("order").equals(BY_CLASS);
        int[] order = byClass && ExampleOrders.classified(context)
                ? byClass(context.labels(), context.classCount())
                : ExampleOrders.identity(context.size());
        return new EpochPlan(order, context.batchSize());
    }

    /** A stable counting sort of the indices by label: class 0 first, stored order within a class. */
    static int[] byClass(int[] labels, int classCount) {
        int[] start = new int[classCount + 1];
        for (int label : labels) {
            start[label + 1]++;
        }
        for (int c = 0; c < classCount; c++) {
            start[c + 1] += start[c];
        }
        int[] order = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            order[start[labels[i]]++] = i;
        }
        return order;
    }
}
