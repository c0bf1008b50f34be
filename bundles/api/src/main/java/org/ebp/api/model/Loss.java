package org.ebp.api.model;

import org.ebp.api.component.Component;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Per-example loss on an output row. The batch loss is the mean over the batch. Registered with
 * {@code ebp.kind=loss}.
 */
@ConsumerType
public interface Loss extends Component {

    /** E for one example: outputs {@code o[oOff..oOff+len)}, targets {@code t[tOff..tOff+len)}. */
    double value(double[] o, int oOff, double[] t, int tOff, int len);

    /** {@code g[gOff + k] = dE/do_k} for one example. */
    void gradient(double[] o, int oOff, double[] t, int tOff, double[] g, int gOff, int len);

    /**
     * The Gauss-Newton curvature {@code d2E/do_k^2} (1 for half squared error, eq 54's start).
     */
    double outputCurvature(double o, double t);

    /**
     * True for {@code E = 1/2 |t - o|^2}: residuals and the Jacobian exist, so Gauss-Newton and
     * Levenberg-Marquardt apply.
     */
    boolean squaredError();
}
