package org.ebp.engine.network;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.optim.ElementwiseUpdate;

/**
 * The float32 training passes of a dense {@link Network}: the same equations as
 * {@link Network#forward} and {@link Network#backward} (section 1.3, written for a batch) on
 * {@link FloatWeights} and a {@link FloatWorkspace}, with the activations' float blocks. The
 * output layer is evaluated in double (a few values per example), so every loss works unchanged.
 *
 * <p>Mini-batches go through {@link ComputeService#sgemm} per layer. One example (online
 * learning, eq 11) uses the matrix-vector loops here, and {@link #backwardAndUpdate} applies
 * {@code W -= eta delta x'} row by row while backpropagating, without a gradient buffer.
 * Allocates nothing. Second-order passes stay on the float64 path.
 */
public final class FloatPasses {

    private final Network network;
    private final int[] widths;

    /** @throws IllegalArgumentException for a network with RBF layers (they have no float32 passes) */
    public FloatPasses(Network network) {
        if (!supports(network)) {
            throw new IllegalArgumentException("the float32 passes are for dense layers; " + network.spec()
                    + " has RBF units: use precision=float64");
        }
        this.network = network;
        this.widths = network.widthsView();
    }

    /** True when the float32 path can train this network (dense layers only). */
    public static boolean supports(Network network) {
        return !network.hasRbf();
    }

    public Network network() {
        return network;
    }

    public FloatWeights newWeights() {
        return new FloatWeights(network);
    }

    public FloatWorkspace newWorkspace(int capacity) {
        return new FloatWorkspace(widths, capacity);
    }

    /** Forward pass of the first {@code rows} examples of {@code ws.inputs()}. */
    public void forward(ComputeService compute, FloatWeights p, FloatWorkspace ws, int rows) {
        forward(compute, p, ws, rows, null);
    }

    /**
     * Forward pass; for one example, {@code firstProduct} (when not null) is {@code W_1 x} for
     * this example and these weights, computed before ({@link #updateFirstLayer} looking ahead,
     * or {@link #firstLayerProduct}), and is used instead of computing it again.
     */
    public void forward(ComputeService compute, FloatWeights p, FloatWorkspace ws, int rows, float[] firstProduct) {
        check(ws, rows);
        forwardFrom(0, compute, p, ws, rows, firstProduct);
    }

    /**
     * Forward pass of the layers above the first, once {@code ws}'s first hidden activations are
     * complete for {@code rows} examples (after {@link FirstLayerColumns#forward} over all units).
     */
    public void forwardAbove(ComputeService compute, FloatWeights p, FloatWorkspace ws, int rows) {
        check(ws, rows);
        if (widths.length < 3) {
            throw new IllegalArgumentException(network.spec() + " has no layer above the first");
        }
        forwardFrom(1, compute, p, ws, rows, null);
    }

    private void forwardFrom(int first, ComputeService compute, FloatWeights p, FloatWorkspace ws, int rows,
            float[] firstProduct) {
        float[] in = first == 0 ? ws.x : ws.a[first - 1];
        int last = widths.length - 2;
        for (int l = first; l <= last; l++) {
            int inputs = widths[l];
            int units = widths[l + 1];
            float[] z = ws.z[l];
            float[] w = p.weights[l];
            if (rows == 1 && l == 0 && firstProduct != null) {
                System.arraycopy(firstProduct, 0, z, 0, units);
            } else if (rows == 1) {
                FloatVectorKernels.timesVector(w, units, inputs, in, z);
            } else {
                compute.sgemm(false, true, rows, units, inputs, 1f, in, 0, inputs, w, 0, inputs, 0f, z, 0, units);
            }
            float[] b = p.biases[l];
            for (int i = 0; i < rows; i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    z[row + j] += b[j];
                }
            }
            if (l < last) {
                network.activationOf(l).forward(z, ws.a[l], 0, rows * units);
                in = ws.a[l];
            } else {
                outputLayer(network.activationOf(l), ws, rows, units);
            }
        }
    }

    /** The output layer's activation in double, row by row for coupled ones (softmax). */
    private static void outputLayer(Activation f, FloatWorkspace ws, int rows, int units) {
        float[] z = ws.z[ws.z.length - 1];
        int n = rows * units;
        for (int k = 0; k < n; k++) {
            ws.outZ[k] = z[k];
        }
        if (f.elementwise()) {
            f.forward(ws.outZ, ws.outA, 0, n);
        } else {
            for (int i = 0; i < rows; i++) {
                f.forwardRow(ws.outZ, ws.outA, i * units, units);
            }
        }
    }

    /**
     * Per-example losses of the last forward pass (in double) and, when {@code withDelta}, the
     * output layer's delta, rounded to float for the backward pass.
     *
     * @return the sum of the per-example losses
     */
    public double loss(OutputLayerLoss loss, FloatWorkspace ws, int rows, boolean withDelta) {
        int out = network.outputWidth();
        double sum = loss.evaluate(ws.outZ, ws.outA, ws.targets, rows, out, ws.exampleLoss,
                withDelta ? ws.outDelta : null, ws.outScratch);
        if (withDelta) {
            float[] delta = ws.delta[ws.delta.length - 1];
            for (int k = 0, n = rows * out; k < n; k++) {
                delta[k] = (float) ws.outDelta[k];
            }
        }
        return sum;
    }

    /**
     * Backward pass after {@link #forward} and {@link #loss} with delta: writes (or, with
     * {@code accumulate}, adds) {@code scale} times the summed per-example gradient into
     * {@code gradient} (same shape as the weights); a batch in chunks accumulates from its second.
     */
    public void backward(ComputeService compute, FloatWeights p, FloatWorkspace ws, int rows, float scale,
            boolean accumulate, FloatWeights gradient) {
        check(ws, rows);
        backwardDownTo(0, compute, p, ws, rows, scale, accumulate, gradient);
    }

    /**
     * The backward pass of the layers above the first (after {@link #forward} or {@link #forwardAbove},
     * and {@link #loss} with delta): writes {@code scale} times their gradient into {@code gradient}
     * and leaves {@code dE/da} of the first hidden layer in the workspace, for
     * {@link FirstLayerColumns#backward} to finish on ranges of units.
     */
    public void backwardAbove(ComputeService compute, FloatWeights p, FloatWorkspace ws, int rows, float scale,
            FloatWeights gradient) {
        check(ws, rows);
        backwardDownTo(1, compute, p, ws, rows, scale, false, gradient);
    }

    /** Layers {@code stop + 1 ..} from the top; at {@code stop == 1} the first layer's delta stays dE/da. */
    private void backwardDownTo(int stop, ComputeService compute, FloatWeights p, FloatWorkspace ws, int rows, float scale,
            boolean accumulate, FloatWeights gradient) {
        for (int l = widths.length - 2; l >= stop; l--) {
            int inputs = widths[l];
            int units = widths[l + 1];
            float[] d = ws.delta[l];
            float[] in = l == 0 ? ws.x : ws.a[l - 1];
            // dE/dW_l = scale * Delta_l' A_{l-1}
            compute.sgemm(true, false, units, inputs, rows, scale, d, 0, units, in, 0, inputs, accumulate ? 1f : 0f,
                    gradient.weights[l], 0, inputs);
            biasGradient(d, rows, units, 0, units, scale, accumulate, gradient.biases[l]);
            if (l > 0) {
                compute.sgemm(false, false, rows, inputs, units, 1f, d, 0, units, p.weights[l], 0, inputs, 0f, ws.delta[l - 1], 0,
                        inputs);
                if (l > stop) {
                    toPreActivation(l - 1, ws, rows);
                }
            }
        }
    }

    /** {@code gb[j] (+)= scale * sum_i d[i, j]} for units j in [from, to) of rows of {@code units}. */
    static void biasGradient(float[] d, int rows, int units, int from, int to, float scale, boolean accumulate, float[] gb) {
        if (!accumulate) {
            java.util.Arrays.fill(gb, from, to, 0f);
        }
        for (int i = 0; i < rows; i++) {
            int row = i * units;
            for (int j = from; j < to; j++) {
                gb[j] += scale * d[row + j];
            }
        }
    }

    /**
     * Online learning (one example): backpropagates and updates at once. For each layer from the
     * top, first {@code delta_{l-1} = (W_l' delta_l) .* f'(z_{l-1})} with the weights before the
     * step, then each unit j's row {@code W_l[j,:]} gets the gradient {@code delta_j x'} and its
     * bias {@code delta_j} through {@code rule} (eq 11: {@code W -= eta delta x'} for plain SGD).
     */
    public void backwardAndUpdate(FloatWeights p, FloatWorkspace ws, ElementwiseUpdate.Rule rule) {
        backwardAndUpdateAbove(p, ws, rule);
        updateFirstLayer(p, ws, rule, 0, widths[1], null, null);
    }

    /**
     * {@link #backwardAndUpdate} but for the rows of the first layer's weights: the layers above
     * are updated, {@code delta_1} is computed and the first layer's biases are updated; the rows
     * follow with {@link #updateFirstLayer} (which two threads may run on disjoint rows).
     */
    public void backwardAndUpdateAbove(FloatWeights p, FloatWorkspace ws, ElementwiseUpdate.Rule rule) {
        check(ws, 1);
        for (int l = widths.length - 2; l >= 0; l--) {
            int inputs = widths[l];
            int units = widths[l + 1];
            float[] d = ws.delta[l];
            if (l > 0) {
                float[] w = p.weights[l];
                FloatVectorKernels.transposeTimesVector(w, units, inputs, d, ws.delta[l - 1]);
                toPreActivation(l - 1, ws, 1);
                float[] in = ws.a[l - 1];
                int weightParam = p.weightOffset(l + 1);
                for (int j = 0; j < units; j++) {
                    rule.apply(w, j * inputs, in, 0, d[j], inputs, weightParam + j * inputs);
                }
            }
            rule.apply(p.biases[l], 0, d, 0, 1f, units, p.biasOffset(l + 1));
        }
    }

    /**
     * Updates rows {@code [from, to)} of the first layer's weights with {@code delta_1 x'} (after
     * {@link #backwardAndUpdateAbove}). When {@code nextInput} is not null it also looks ahead:
     * right after a few rows are updated, while they are in the cache, their products with the
     * next example's inputs go into {@code nextProduct[from, to)}, so that the next forward pass
     * need not read {@code W_1} again ({@link #forward} with {@code firstProduct}). The products
     * are those of {@link FloatVectorKernels#timesVector} (same order of sums), so the result is the same to the bit.
     * Uses the workspace's row buffer: one thread per workspace (a second thread on other rows
     * passes its own buffer to the other overload).
     */
    public void updateFirstLayer(FloatWeights p, FloatWorkspace ws, ElementwiseUpdate.Rule rule, int from, int to,
            float[] nextInput, float[] nextProduct) {
        updateFirstLayer(p, ws, rule, from, to, nextInput, nextProduct, ws.row);
    }

    /**
     * {@link #updateFirstLayer} with {@code row} (at least the layer's inputs long) as the buffer
     * each row is updated in. The rule sees the row at offset 0 beside {@code x} at offset 0:
     * applied in place, at {@code W_1}'s row offset, HotSpot 17 cannot tell that the two arrays
     * do not overlap and runs a plain SGD row scalar (784 weights: 160 us for 300 rows, measured);
     * at equal offsets it vectorises, and the two row copies are intrinsics on L1-resident data
     * (56-66 us for the 300 rows with the copies). The weights come out the same to the bit.
     */
    public void updateFirstLayer(FloatWeights p, FloatWorkspace ws, ElementwiseUpdate.Rule rule, int from, int to,
            float[] nextInput, float[] nextProduct, float[] row) {
        int inputs = widths[0];
        if (row.length < inputs) {
            throw new IllegalArgumentException("a row buffer of " + row.length + " floats for rows of " + inputs);
        }
        float[] w = p.weights[0];
        float[] d = ws.delta[0];
        float[] in = ws.x;
        int weightParam = p.weightOffset(1);
        for (int j = from; j < to; j += FloatVectorKernels.LOOK_AHEAD_ROWS) {
            int end = Math.min(to, j + FloatVectorKernels.LOOK_AHEAD_ROWS);
            for (int r = j; r < end; r++) {
                int at = r * inputs;
                System.arraycopy(w, at, row, 0, inputs);
                rule.apply(row, 0, in, 0, d[r], inputs, weightParam + at);
                System.arraycopy(row, 0, w, at, inputs);
            }
            if (nextInput != null) {
                FloatVectorKernels.rowsTimesVector(w, j, end, inputs, nextInput, nextProduct);
            }
        }
    }

    /** The first layer's {@code W_1 x} for rows {@code [from, to)} (two threads may take disjoint rows). */
    public void firstLayerProduct(FloatWeights p, float[] x, int from, int to, float[] z) {
        FloatVectorKernels.rowsTimesVector(p.weights[0], from, to, widths[0], x, z);
    }

    /** Applies a dense gradient (from {@link #backward}) through {@code rule}. */
    public static void update(FloatWeights p, FloatWeights gradient, ElementwiseUpdate.Rule rule) {
        updateFrom(1, p, gradient, rule);
    }

    /** {@link #update} of the layers above the first (whose rows {@link FirstLayerColumns#update} takes). */
    public static void updateAbove(FloatWeights p, FloatWeights gradient, ElementwiseUpdate.Rule rule) {
        updateFrom(2, p, gradient, rule);
    }

    private static void updateFrom(int first, FloatWeights p, FloatWeights gradient, ElementwiseUpdate.Rule rule) {
        for (int l = first; l <= p.layerCount(); l++) {
            float[] w = p.weights(l);
            rule.apply(w, 0, gradient.weights(l), 0, 1f, w.length, p.weightOffset(l));
            float[] b = p.biases(l);
            rule.apply(b, 0, gradient.biases(l), 0, 1f, b.length, p.biasOffset(l));
        }
    }

    /** Turns {@code ws.delta[layer]}, holding dE/da, into dE/dz: times f'(z). */
    private void toPreActivation(int layer, FloatWorkspace ws, int rows) {
        float[] below = ws.delta[layer];
        int n = rows * widths[layer + 1];
        network.hiddenActivation().derivative(ws.z[layer], ws.a[layer], ws.scratch, 0, n);
        float[] s = ws.scratch;
        for (int k = 0; k < n; k++) {
            below[k] *= s[k];
        }
    }

    /** Number of the first {@code rows} examples whose largest output is at their label. */
    public int countCorrect(FloatWorkspace ws, int rows) {
        double[] o = ws.outA;
        int width = network.outputWidth();
        int correct = 0;
        for (int i = 0; i < rows; i++) {
            int off = i * width;
            int best = 0;
            for (int k = 1; k < width; k++) {
                if (o[off + k] > o[off + best]) {
                    best = k;
                }
            }
            if (best == ws.labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    void check(FloatWorkspace ws, int rows) {
        if (!ws.fits(widths)) {
            throw new IllegalArgumentException("workspace was made for another network than " + network.spec());
        }
        if (rows <= 0 || rows > ws.capacity()) {
            throw new IllegalArgumentException(rows + " rows do not fit a workspace of " + ws.capacity());
        }
    }
}
