package org.ebp.samplers;

import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Sampler;
import org.osgi.service.component.annotations.Component;

/**
 * Presents the examples in their stored order, {@code 0..n-1}, every epoch, with the session's
 * batch size. Useful as a baseline: section 1.4.2 warns that successive examples of one class
 * (as in a data set sorted by class) slow stochastic learning.
 */
@Component(service = Sampler.class, property = {"ebp.kind=sampler", "ebp.name=" + SequentialSampler.NAME})
public final class SequentialSampler implements Sampler {

    static final String NAME = "sequential";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "stored order 0..n-1 every epoch (baseline; sec. 1.4.2 recommends shuffling instead)";
    }

    @Override
    public EpochPlan plan(Context context, State state, Settings settings) {
        ExampleOrders.check(context, NAME);
        return new EpochPlan(ExampleOrders.identity(context.size()), context.batchSize());
    }
}
