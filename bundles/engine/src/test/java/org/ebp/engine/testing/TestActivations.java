package org.ebp.engine.testing;

import java.util.function.DoubleUnaryOperator;
import org.ebp.api.model.Activation;

/** Test doubles for activations: plain formulas, scalar methods only (the block defaults loop). */
public final class TestActivations {

    private TestActivations() {
    }

    /** An elementwise activation from its formulas. */
    public static Activation of(String name, DoubleUnaryOperator f, DoubleUnaryOperator df, DoubleUnaryOperator d2f,
                                double lower, double upper) {
        return new Activation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name + " (test double)";
            }

            @Override
            public double value(double x) {
                return f.applyAsDouble(x);
            }

            @Override
            public double derivative(double x) {
                return df.applyAsDouble(x);
            }

            @Override
            public double secondDerivative(double x) {
                return d2f.applyAsDouble(x);
            }

            @Override
            public double lowerBound() {
                return lower;
            }

            @Override
            public double upperBound() {
                return upper;
            }
        };
    }

    public static Activation tanh() {
        return of("tanh", Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x),
                x -> -2 * Math.tanh(x) * (1 - Math.tanh(x) * Math.tanh(x)), -1, 1);
    }

    /** 1.7159 tanh(2x/3), the recommended sigmoid of section 1.4.4. */
    public static Activation scaledTanh() {
        double a = 1.7159;
        double b = 2.0 / 3.0;
        return of("scaled-tanh", x -> a * Math.tanh(b * x), x -> a * b * (1 - Math.tanh(b * x) * Math.tanh(b * x)),
                x -> -2 * a * b * b * Math.tanh(b * x) * (1 - Math.tanh(b * x) * Math.tanh(b * x)), -a, a);
    }

    public static Activation linear() {
        return of("linear", x -> x, x -> 1, x -> 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public static Activation logistic() {
        return of("logistic", TestActivations::sigma, x -> sigma(x) * (1 - sigma(x)),
                x -> sigma(x) * (1 - sigma(x)) * (1 - 2 * sigma(x)), 0, 1);
    }

    private static double sigma(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Softmax over a row: the only coupled activation. */
    public static Activation softmax() {
        return new Activation() {
            @Override
            public String name() {
                return "softmax";
            }

            @Override
            public String description() {
                return "softmax (test double)";
            }

            @Override
            public boolean elementwise() {
                return false;
            }

            @Override
            public void forwardRow(double[] z, double[] y, int off, int len) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, z[off + k]);
                }
                double s = 0;
                for (int k = 0; k < len; k++) {
                    y[off + k] = Math.exp(z[off + k] - max);
                    s += y[off + k];
                }
                for (int k = 0; k < len; k++) {
                    y[off + k] /= s;
                }
            }

            @Override
            public double value(double x) {
                throw new UnsupportedOperationException("softmax is not elementwise");
            }

            @Override
            public double derivative(double x) {
                throw new UnsupportedOperationException("softmax is not elementwise");
            }

            @Override
            public double secondDerivative(double x) {
                throw new UnsupportedOperationException("softmax is not elementwise");
            }

            @Override
            public double lowerBound() {
                return 0;
            }

            @Override
            public double upperBound() {
                return 1;
            }
        };
    }
}
