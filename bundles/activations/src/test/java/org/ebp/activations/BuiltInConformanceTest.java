package org.ebp.activations;

import org.ebp.api.model.Activation;
import org.ebp.conformance.ActivationConformance;
import org.junit.jupiter.api.Nested;

/** Every built-in activation passes the conformance kit that plugin authors extend (softmax as a component only). */
class BuiltInConformanceTest {

    @Nested class OfTanh extends ActivationConformance { @Override protected Activation component() { return new Tanh(); } }
    @Nested class OfScaledTanh extends ActivationConformance { @Override protected Activation component() { return new ScaledTanh(); } }
    @Nested class OfTwistedTanh extends ActivationConformance { @Override protected Activation component() { return new TwistedTanh(); } }
    @Nested class OfLogistic extends ActivationConformance { @Override protected Activation component() { return new Logistic(); } }
    @Nested class OfLinear extends ActivationConformance { @Override protected Activation component() { return new Linear(); } }
    @Nested class OfRelu extends ActivationConformance { @Override protected Activation component() { return new Relu(); } }
    @Nested class OfSoftmax extends ActivationConformance { @Override protected Activation component() { return new Softmax(); } }
}
