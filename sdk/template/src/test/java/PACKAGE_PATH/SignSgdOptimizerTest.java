package @plugin.package@;

import org.ebp.api.optim.Optimizer;
import org.ebp.conformance.OptimizerConformance;

/**
 * The workbench's conformance kit: name and ebp.name agree, help on every setting, defaults in
 * range, a step on a quadratic goes downhill, the state survives JSON and adopting the built-ins'
 * states stays coherent. Add tests of your own rule beside it.
 */
class SignSgdOptimizerTest extends OptimizerConformance {

    @Override
    protected Optimizer component() {
        return new SignSgdOptimizer();
    }
}
