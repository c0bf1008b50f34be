package org.ebp.optim.first;

import org.ebp.api.optim.Optimizer;
import org.ebp.conformance.OptimizerConformance;
import org.junit.jupiter.api.Nested;

/** Every first-order built-in passes the conformance kit that plugin authors extend. */
class BuiltInConformanceTest {

    @Nested class Sgd extends OptimizerConformance { @Override protected Optimizer component() { return new SgdOptimizer(); } }
    @Nested class Momentum extends OptimizerConformance { @Override protected Optimizer component() { return new MomentumOptimizer(); } }
    @Nested class Nesterov extends OptimizerConformance { @Override protected Optimizer component() { return new NesterovOptimizer(); } }
    @Nested class PerWeightRate extends OptimizerConformance { @Override protected Optimizer component() { return new PerWeightRateOptimizer(); } }
    @Nested class AdaptiveRate extends OptimizerConformance { @Override protected Optimizer component() { return new AdaptiveRateOptimizer(); } }
    @Nested class AdaGrad extends OptimizerConformance { @Override protected Optimizer component() { return new AdaGradOptimizer(); } }
    @Nested class RmsProp extends OptimizerConformance { @Override protected Optimizer component() { return new RmsPropOptimizer(); } }
    @Nested class Adam extends OptimizerConformance { @Override protected Optimizer component() { return new AdamOptimizer(); } }
}
