package org.ebp.samplers;

import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Sampler;
import org.osgi.service.component.annotations.Component;

/**
 * A fresh uniformly random permutation of the training set every epoch (Fisher-Yates, drawn from
 * the epoch's sampling stream), with the session's batch size: the first advice of section 1.4.2
 * and of the recipe in section 1.10.
 */
@Component(service = Sampler.class, property = {"ebp.kind=sampler", "ebp.name=" + ShuffleSampler.NAME})
public final class ShuffleSampler implements Sampler {

    static final String NAME = "shuffle";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a fresh random permutation every epoch (Fisher-Yates; sec. 1.4.2)";
    }

    @Override
    public EpochPlan plan(Context context, State state, Settings settings) {
        ExampleOrders.check(context, NAME);
        return new EpochPlan(ExampleOrders.permutation(context.size(), context.random()), context.batchSize());
    }
}
