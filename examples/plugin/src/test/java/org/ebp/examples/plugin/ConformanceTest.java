package org.ebp.examples.plugin;

import org.ebp.api.model.Activation;
import org.ebp.api.optim.Optimizer;
import org.ebp.conformance.ActivationConformance;
import org.ebp.conformance.OptimizerConformance;
import org.junit.jupiter.api.Nested;

/** The workbench's conformance kit on both components of this plugin. */
class ConformanceTest {

    @Nested
    class Rprop extends OptimizerConformance {
        @Override
        protected Optimizer component() {
            return new RpropOptimizer();
        }
    }

    @Nested
    class Elliott extends ActivationConformance {
        @Override
        protected Activation component() {
            return new ElliottActivation();
        }
    }
}
