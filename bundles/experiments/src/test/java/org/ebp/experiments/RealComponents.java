package org.ebp.experiments;

import org.ebp.api.component.Component;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentEntry;
import org.ebp.engine.registry.ComponentIndex;

/** The real components of the paper's recipe on digits, in the engine's index, without OSGi. */
final class RealComponents {

    private RealComponents() {
    }

    static ComponentIndex catalog() {
        ComponentIndex index = new ComponentIndex();
        Object[][] all = {
                {ComponentKind.COMPUTE, new org.ebp.compute.kernels.JavaCompute()},
                {ComponentKind.DATASET, new org.ebp.data.DigitsDataset()},
                {ComponentKind.TRANSFORM, new org.ebp.transforms.StandardizeTransform()},
                {ComponentKind.ACTIVATION, new org.ebp.activations.ScaledTanh()},
                {ComponentKind.ACTIVATION, new org.ebp.activations.Logistic()},
                {ComponentKind.ACTIVATION, new org.ebp.activations.Tanh()},
                {ComponentKind.LOSS, new org.ebp.engine.loss.MeanSquaredErrorLoss()},
                {ComponentKind.TARGET_CODING, new org.ebp.activations.PlusMinusOneCoding()},
                {ComponentKind.TARGET_CODING, new org.ebp.activations.LowHighCoding()},
                {ComponentKind.INITIALIZER, new org.ebp.initializers.FanInInitializer()},
                {ComponentKind.INITIALIZER, new org.ebp.initializers.UniformInitializer()},
                {ComponentKind.OPTIMIZER, new org.ebp.optim.first.SgdOptimizer()},
                {ComponentKind.OPTIMIZER, new org.ebp.optim.first.MomentumOptimizer()},
                {ComponentKind.SCHEDULE, new org.ebp.optim.first.ConstantSchedule()},
                {ComponentKind.SCHEDULE, new org.ebp.optim.first.AnnealingSchedule()},
                {ComponentKind.SAMPLER, new org.ebp.samplers.ShuffleSampler()},
                {ComponentKind.SAMPLER, new org.ebp.samplers.SequentialSampler()}};
        long id = 1;
        for (Object[] c : all) {
            Component component = (Component) c[1];
            index.add(new ComponentIndex.Registration(id++, new ComponentEntry((ComponentKind) c[0], component.name(),
                    component.description(), component.parameters(), "test 0.0.0", 0), component));
        }
        return index;
    }
}
