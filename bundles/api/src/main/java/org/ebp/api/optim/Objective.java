package org.ebp.api.optim;

import java.util.Set;
import org.ebp.api.model.ParameterLayout;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an optimizer sees: the loss of the current batch as a function of the flat parameter
 * vector, its gradient, and optional second-order capabilities. Like PyTorch's closure, it may be
 * evaluated at any {@code w} (line searches do), always on the same batch until the step ends.
 * The batch loss is the mean of per-example losses.
 */
@ProviderType
public interface Objective {

    /** Number of parameters. */
    int dimension();

    ParameterLayout layout();

    /** Examples in the current batch. */
    int batchSize();

    /** True when the batch is the whole training set. */
    boolean fullBatch();

    /** Name of the loss ({@code mse}, {@code cross-entropy}, ...). */
    String lossName();

    /** True when the loss is half squared error, so residuals and Jacobians exist. */
    boolean squaredError();

    /** The loss at {@code w}. */
    double value(double[] w);

    /** The loss at {@code w}; writes the gradient into {@code gradient}. */
    double valueAndGradient(double[] w, double[] gradient);

    /** Capabilities beyond the gradient. */
    Set<Capability> capabilities();

    /** {@code out = H(w) v}. */
    default void hessianVector(double[] w, double[] v, double[] out) {
        throw new UnsupportedOperationException("this objective has no Hessian-vector product");
    }

    /** {@code out = G(w) v} with G the Gauss-Newton matrix. */
    default void gaussNewtonVector(double[] w, double[] v, double[] out) {
        throw new UnsupportedOperationException("this objective has no Gauss-Newton-vector product");
    }

    /** {@code out[i] = G_ii(w)}, the diagonal Gauss-Newton term averaged over the batch. */
    default void diagonalGaussNewton(double[] w, double[] out) {
        throw new UnsupportedOperationException("this objective has no diagonal Gauss-Newton term");
    }

    /** Number of residuals (batch size times outputs) for squared-error losses. */
    default int residualCount() {
        throw new UnsupportedOperationException("residuals exist only for squared-error losses");
    }

    /** Residuals {@code r = o - t}, scaled so that the batch loss is {@code |r|^2 / 2}. */
    default void residuals(double[] w, double[] r) {
        throw new UnsupportedOperationException("residuals exist only for squared-error losses");
    }

    /** Jacobian of the residuals, residualCount x dimension, row-major. */
    default void jacobian(double[] w, double[] j) {
        throw new UnsupportedOperationException("the Jacobian exists only for squared-error losses");
    }
}
