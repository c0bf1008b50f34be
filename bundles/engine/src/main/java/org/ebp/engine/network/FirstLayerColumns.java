package org.ebp.engine.network;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.optim.ElementwiseUpdate;

/**
 * The first layer's float32 passes over a range {@code [from, to)} of its units, for a mini-batch
 * step that two threads split by hidden unit: each thread multiplies only its rows of {@code W_1}
 * (forward {@code Z_1[:, from:to] = X W_1[from:to, :]'}, backward
 * {@code dE/dW_1[from:to, :] = Delta_1[:, from:to]' X}) and updates them, so neither the
 * gradient of {@code W_1} nor the weights cross between the cores. The same equations as
 * {@link FloatPasses#forward} and {@link FloatPasses#backward} (section 1.3); ranges that cover
 * the units give the same result whichever thread runs which range, and in whatever order.
 * Two threads may call these on disjoint ranges of one workspace at once. Allocates nothing.
 */
public final class FirstLayerColumns {

    private final FloatPasses passes;
    private final int inputs;
    private final int units;

    public FirstLayerColumns(FloatPasses passes) {
        this.passes = passes;
        int[] widths = passes.network().widths();
        this.inputs = widths[0];
        this.units = widths[1];
    }

    /** The first layer's units. */
    public int units() {
        return units;
    }

    /** {@code Z_1 = X W_1' + b_1} and {@code A_1 = f(Z_1)} on columns {@code [from, to)} of the first {@code rows} examples. */
    public void forward(ComputeService compute, FloatWeights p, FloatWorkspace ws, int rows, int from, int to) {
        passes.check(ws, rows);
        checkRange(from, to);
        float[] z = ws.z[0];
        compute.sgemm(false, true, rows, to - from, inputs, 1f, ws.x, 0, inputs, p.weights[0], from * inputs, inputs, 0f,
                z, from, units);
        float[] b = p.biases[0];
        Activation f = passes.network().activationOf(0);
        float[] a = ws.a[0];
        for (int i = 0; i < rows; i++) {
            int row = i * units;
            for (int j = from; j < to; j++) {
                z[row + j] += b[j];
            }
            f.forward(z, a, row + from, row + to);
        }
    }

    /**
     * After {@link FloatPasses#backwardAbove}: turns {@code dE/da} of columns {@code [from, to)}
     * into {@code Delta_1 = dE/da .* f'(Z_1)} and writes {@code scale} times the batch's gradient of
     * rows {@code [from, to)} of {@code W_1} and of those biases into {@code gradient}.
     */
    public void backward(ComputeService compute, FloatWorkspace ws, int rows, float scale, int from, int to,
            FloatWeights gradient) {
        passes.check(ws, rows);
        checkRange(from, to);
        float[] d = ws.delta[0];
        float[] s = ws.scratch;
        Activation f = passes.network().hiddenActivation();
        for (int i = 0; i < rows; i++) {
            int row = i * units;
            f.derivative(ws.z[0], ws.a[0], s, row + from, row + to);
            for (int j = row + from, end = row + to; j < end; j++) {
                d[j] *= s[j];
            }
        }
        // dE/dW_1[from:to, :] = scale * Delta_1[:, from:to]' X
        compute.sgemm(true, false, to - from, inputs, rows, scale, d, from, units, ws.x, 0, inputs, 0f, gradient.weights[0],
                from * inputs, inputs);
        FloatPasses.biasGradient(d, rows, units, from, to, scale, false, gradient.biases[0]);
    }

    /** Applies rows {@code [from, to)} of the first layer's gradient, and those biases, through {@code rule}. */
    public void update(FloatWeights p, FloatWeights gradient, ElementwiseUpdate.Rule rule, int from, int to) {
        checkRange(from, to);
        int at = from * inputs;
        rule.apply(p.weights[0], at, gradient.weights[0], at, 1f, (to - from) * inputs, p.weightOffset(1) + at);
        rule.apply(p.biases[0], from, gradient.biases[0], from, 1f, to - from, p.biasOffset(1) + from);
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > units || from >= to) {
            throw new IllegalArgumentException("units [" + from + ", " + to + ") of a layer of " + units);
        }
    }
}
