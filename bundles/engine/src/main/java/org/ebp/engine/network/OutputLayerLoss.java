package org.ebp.engine.network;

import org.ebp.api.model.Activation;
import org.ebp.api.model.Loss;

/**
 * The loss bound to the output activation: per-example losses and the output layer's
 * {@code delta = dE/dz} in one pass. Two bindings exist: any loss with an elementwise output
 * activation (chain rule through f'), and cross-entropy with a softmax output, whose fused
 * gradient needs no Jacobian of the softmax.
 */
public abstract sealed class OutputLayerLoss permits OutputLayerLoss.Elementwise, OutputLayerLoss.SoftmaxCrossEntropy {

    /** Name of the loss that pairs with coupled (softmax) outputs. */
    public static final String CROSS_ENTROPY = "cross-entropy";

    private final Loss loss;

    OutputLayerLoss(Loss loss) {
        this.loss = loss;
    }

    /** The loss component. */
    public Loss loss() {
        return loss;
    }

    /**
     * Binds a loss to an output activation, refusing combinations the engine cannot
     * differentiate correctly.
     *
     * @param lossName the loss's {@code ebp.name}
     * @throws IllegalArgumentException naming the combination and what to use instead
     */
    public static OutputLayerLoss bind(Activation output, Loss loss, String lossName) {
        boolean crossEntropy = CROSS_ENTROPY.equals(lossName);
        if (!output.elementwise()) {
            if (!crossEntropy) {
                throw new IllegalArgumentException("output activation '" + output.name()
                        + "' couples its units and works only with loss=cross-entropy (not '" + lossName
                        + "'); use loss=cross-entropy, or an elementwise output such as output=tanh with loss=mse");
            }
            return new SoftmaxCrossEntropy(loss);
        }
        if (crossEntropy) {
            throw new IllegalArgumentException("loss 'cross-entropy' needs output=softmax (outputs that are probabilities "
                    + "summing to 1); with output '" + output.name() + "' use loss=mse");
        }
        return new Elementwise(loss, output);
    }

    /**
     * Per-example losses of {@code rows} examples and, when {@code delta != null}, the output
     * layer's {@code dE_p/dz} per example.
     *
     * @param z           pre-activations, rows x width
     * @param o           outputs f(z), rows x width
     * @param t           targets, rows x width
     * @param exampleLoss receives E_p
     * @param delta       receives dE_p/dz, or null for the loss only
     * @param scratch     at least rows x width doubles
     * @return the sum of the per-example losses
     */
    abstract double evaluate(double[] z, double[] o, double[] t, int rows, int width, double[] exampleLoss,
                             double[] delta, double[] scratch);

    /** Any loss through an elementwise output: {@code dE/dz_k = dE/do_k f'(z_k)}. */
    static final class Elementwise extends OutputLayerLoss {
        private final Activation output;

        Elementwise(Loss loss, Activation output) {
            super(loss);
            this.output = output;
        }

        @Override
        double evaluate(double[] z, double[] o, double[] t, int rows, int width, double[] exampleLoss,
                        double[] delta, double[] scratch) {
            Loss loss = loss();
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                int off = i * width;
                double e = loss.value(o, off, t, off, width);
                exampleLoss[i] = e;
                sum += e;
                if (delta != null) {
                    loss.gradient(o, off, t, off, delta, off, width);
                }
            }
            if (delta != null) {
                int n = rows * width;
                output.derivative(z, o, scratch, 0, n);
                for (int k = 0; k < n; k++) {
                    delta[k] *= scratch[k];
                }
            }
            return sum;
        }
    }

    /**
     * Cross-entropy {@code E = -sum_k t_k log p_k} with softmax outputs
     * {@code p_k = exp(z_k) / sum_j exp(z_j)}. The loss is computed from z by log-sum-exp,
     * {@code E = T (m + log sum_j exp(z_j - m)) - sum_k t_k z_k} with {@code T = sum_k t_k} and
     * m the row maximum, so it stays finite when a probability underflows; the gradient is the
     * fused {@code dE/dz_k = p_k T - t_k}, which is {@code p - t} for targets summing to 1.
     */
    static final class SoftmaxCrossEntropy extends OutputLayerLoss {

        SoftmaxCrossEntropy(Loss loss) {
            super(loss);
        }

        @Override
        double evaluate(double[] z, double[] p, double[] t, int rows, int width, double[] exampleLoss,
                        double[] delta, double[] scratch) {
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                int off = i * width;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < width; k++) {
                    max = Math.max(max, z[off + k]);
                }
                double s = 0;
                double targetSum = 0;
                double targetDotZ = 0;
                for (int k = 0; k < width; k++) {
                    s += Math.exp(z[off + k] - max);
                    targetSum += t[off + k];
                    targetDotZ += t[off + k] * z[off + k];
                }
                double e = targetSum * (max + Math.log(s)) - targetDotZ;
                exampleLoss[i] = e;
                sum += e;
                if (delta != null) {
                    for (int k = 0; k < width; k++) {
                        delta[off + k] = p[off + k] * targetSum - t[off + k];
                    }
                }
            }
            return sum;
        }
    }
}
