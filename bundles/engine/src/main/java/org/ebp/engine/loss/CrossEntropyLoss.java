package org.ebp.engine.loss;

import org.ebp.api.component.ComponentKind;
import org.ebp.api.model.Loss;
import org.osgi.service.component.annotations.Component;

/**
 * Cross-entropy {@code E_p = -sum_k t_k log o_k} for outputs that are probabilities (a softmax
 * output layer). The engine pairs it with softmax and then uses the fused output gradient
 * {@code dE/dz = p - t} computed from the pre-activations; the methods here are the plain
 * definition on the outputs, for other callers and for checks. Terms with {@code t_k = 0}
 * contribute nothing (the limit of {@code t log o}).
 */
@Component(service = Loss.class, property = {
        ComponentKind.PROPERTY_KIND + "=loss",
        ComponentKind.PROPERTY_NAME + "=" + CrossEntropyLoss.NAME})
public final class CrossEntropyLoss implements Loss {

    public static final String NAME = "cross-entropy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "cross-entropy -sum t log o per example, averaged over the batch; needs output=softmax";
    }

    @Override
    public double value(double[] o, int oOff, double[] t, int tOff, int len) {
        double sum = 0;
        for (int k = 0; k < len; k++) {
            double target = t[tOff + k];
            if (target != 0) {
                sum -= target * Math.log(o[oOff + k]);
            }
        }
        return sum;
    }

    @Override
    public void gradient(double[] o, int oOff, double[] t, int tOff, double[] g, int gOff, int len) {
        for (int k = 0; k < len; k++) {
            double target = t[tOff + k];
            g[gOff + k] = target == 0 ? 0.0 : -target / o[oOff + k];
        }
    }

    /**
     * {@code d2E/do_k^2 = t_k / o_k^2}. (Gauss-Newton through a softmax uses the softmax's own
     * output Hessian {@code diag(p) - p p'} instead; this is the curvature on the outputs.)
     */
    @Override
    public double outputCurvature(double o, double t) {
        return t == 0 ? 0.0 : t / (o * o);
    }

    @Override
    public boolean squaredError() {
        return false;
    }
}
