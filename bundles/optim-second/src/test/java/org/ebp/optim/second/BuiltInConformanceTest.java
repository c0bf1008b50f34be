package org.ebp.optim.second;

import org.ebp.api.optim.Optimizer;
import org.ebp.conformance.OptimizerConformance;
import org.junit.jupiter.api.Nested;

/** Every second-order built-in passes the conformance kit that plugin authors extend (its quadratic has every capability). */
class BuiltInConformanceTest {

    /** The matrix methods solve with a compute service, which DS sets in the workbench. */
    static final org.ebp.compute.jblas.PureJavaCompute COMPUTE = new org.ebp.compute.jblas.PureJavaCompute();

    @Nested class Cg extends OptimizerConformance { @Override protected Optimizer component() { return new ConjugateGradientOptimizer(); } }
    @Nested class Bfgs extends OptimizerConformance { @Override protected Optimizer component() { return new BfgsOptimizer(); } }
    @Nested class Lbfgs extends OptimizerConformance { @Override protected Optimizer component() { return new LbfgsOptimizer(); } }
    @Nested class GaussNewton extends OptimizerConformance { @Override protected Optimizer component() { return new GaussNewtonOptimizer(COMPUTE); } }
    @Nested class LevenbergMarquardt extends OptimizerConformance {
        @Override protected Optimizer component() { return new LevenbergMarquardtOptimizer(COMPUTE); }
    }
    @Nested class Newton extends OptimizerConformance { @Override protected Optimizer component() { return new NewtonOptimizer(COMPUTE); } }
    @Nested class StochasticDiagonalLm extends OptimizerConformance {
        @Override protected Optimizer component() { return new StochasticDiagonalLevenbergMarquardtOptimizer(); }
    }
}
