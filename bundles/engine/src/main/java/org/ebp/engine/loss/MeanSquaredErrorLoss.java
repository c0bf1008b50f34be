package org.ebp.engine.loss;

import org.ebp.api.component.ComponentKind;
import org.ebp.api.model.Loss;
import org.osgi.service.component.annotations.Component;

/**
 * Half squared error {@code E_p = 1/2 |o - t|^2} per example (the cost of section 1.2 with the
 * conventional 1/2, so that {@code dE/do = o - t} and {@code d2E/do^2 = 1}, the start of the
 * second-derivative backpropagation of eq 54). The batch loss is the mean over the batch.
 */
@Component(service = Loss.class, property = {
        ComponentKind.PROPERTY_KIND + "=loss",
        ComponentKind.PROPERTY_NAME + "=" + MeanSquaredErrorLoss.NAME})
public final class MeanSquaredErrorLoss implements Loss {

    public static final String NAME = "mse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "half squared error 1/2 |o - t|^2 per example, averaged over the batch; works with any output activation";
    }

    @Override
    public double value(double[] o, int oOff, double[] t, int tOff, int len) {
        double sum = 0;
        for (int k = 0; k < len; k++) {
            double r = o[oOff + k] - t[tOff + k];
            sum += r * r;
        }
        return 0.5 * sum;
    }

    @Override
    public void gradient(double[] o, int oOff, double[] t, int tOff, double[] g, int gOff, int len) {
        for (int k = 0; k < len; k++) {
            g[gOff + k] = o[oOff + k] - t[tOff + k];
        }
    }

    @Override
    public double outputCurvature(double o, double t) {
        return 1.0;
    }

    @Override
    public boolean squaredError() {
        return true;
    }
}
