package org.ebp.engine.network;

import java.util.Arrays;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.model.ParameterLayout;

/**
 * A stack of dense layers. Layer l (from 1) has a weight matrix {@code W_l} (units x inputs,
 * row-major) and a bias vector {@code b_l}; hidden layers share one activation, the last layer
 * has the output activation. All parameters live in one flat {@code double[]} described by
 * {@link #layout()}; the passes read the weights in place at their offsets and write gradients
 * into the matching segments of a gradient vector of the same layout.
 *
 * <p>For a mini-batch X (B x inputs, one example per row) layer l computes
 * {@code Z_l = A_{l-1} W_l' + 1 b_l'} and {@code A_l = f(Z_l)}: the standard backpropagation of
 * section 1.3 written for a whole batch at once. The backward pass is its chain rule:
 * {@code dE/dW_l = Delta_l' A_{l-1} / B}, {@code dE/db_l = 1' Delta_l / B} and
 * {@code Delta_{l-1} = (Delta_l W_l) .* f'(Z_{l-1})}, where {@code Delta_l} holds the
 * per-example {@code dE_p/dz} of layer l and the batch loss is the mean of the per-example ones.
 *
 * <p>Immutable apart from the parameters it is handed; thread-safe for concurrent passes on
 * separate workspaces.
 */
public final class Network {

    private final int[] widths;
    /** rbf[l]: weight layer l (from 0) is a layer of Gaussian units (section 1.4.8), not a dense one. */
    private final boolean[] rbf;
    /** Whether the centres and widths of RBF layers are trained (else their gradient is zero). */
    private final boolean trainRbf;
    private final Activation hidden;
    private final Activation output;
    private final ParameterLayout layout;
    private final int[] weightOffset;
    private final int[] biasOffset;

    /**
     * @param widths layer widths, input first (at least two)
     * @param hidden activation of the hidden layers (unused for a single layer, but must be elementwise)
     * @param output activation of the output layer
     * @throws IllegalArgumentException for fewer than two widths, a non-positive width, or a
     *                                  hidden activation that couples units (softmax)
     */
    public Network(int[] widths, Activation hidden, Activation output) {
        this(widths, new boolean[Math.max(0, widths.length - 1)], false, hidden, output);
    }

    /**
     * A network whose weight layer l (from 0) is a layer of Gaussian units
     * {@code a_u = exp(-|x - c_u|^2 / (2 s_u^2))} when {@code rbfLayers[l]} (section 1.4.8). Its
     * parameters are the centres c (units x inputs, segment role CENTERS) and widths s (one per
     * unit, role WIDTHS); the dense layer after it holds the output weights.
     *
     * @param trainRbf whether gradients flow into centres and widths (else they stay as initialised)
     * @throws IllegalArgumentException for an RBF output layer
     */
    public Network(int[] widths, boolean[] rbfLayers, boolean trainRbf, Activation hidden, Activation output) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output width, not "
                    + Arrays.toString(widths));
        }
        for (int w : widths) {
            if (w <= 0) {
                throw new IllegalArgumentException("layer widths must be positive: " + Arrays.toString(widths));
            }
        }
        if (widths.length > 2 && !hidden.elementwise()) {
            throw new IllegalArgumentException("activation '" + hidden.name() + "' couples the units of a layer and can "
                    + "only be the output activation (with loss=cross-entropy); use an elementwise hidden activation "
                    + "such as activation=scaled-tanh");
        }
        if (rbfLayers.length != widths.length - 1) {
            throw new IllegalArgumentException("one RBF flag per weight layer is needed, not " + rbfLayers.length);
        }
        if (rbfLayers[rbfLayers.length - 1]) {
            throw new IllegalArgumentException("an RBF layer needs a dense layer after it for its output weights; "
                    + "put it below the output, e.g. 64-rbf20-10");
        }
        this.rbf = rbfLayers.clone();
        this.trainRbf = trainRbf;
        this.widths = LayerSpec.copy(widths);
        this.hidden = hidden;
        this.output = output;
        ParameterLayout.Builder builder = ParameterLayout.builder();
        int layers = widths.length - 1;
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            int inputs = widths[l];
            int units = widths[l + 1];
            // fan-in m of eq 15 counts the bias input as well
            builder.add("layer" + (l + 1) + (rbf[l] ? ".centers" : ".weights"), l + 1,
                    rbf[l] ? ParameterLayout.Role.CENTERS : ParameterLayout.Role.WEIGHTS, units, inputs, inputs + 1);
            weightOffset[l] = offset;
            offset += units * inputs;
            builder.add("layer" + (l + 1) + (rbf[l] ? ".widths" : ".biases"), l + 1,
                    rbf[l] ? ParameterLayout.Role.WIDTHS : ParameterLayout.Role.BIASES, units, 1, inputs + 1);
            biasOffset[l] = offset;
            offset += units;
        }
        layout = builder.build();
    }

    /** The same shape with other activations (e.g. after an activation bundle was updated). */
    public Network withActivations(Activation newHidden, Activation newOutput) {
        return new Network(widths, rbf, trainRbf, newHidden, newOutput);
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** Number of parameters. */
    public int size() {
        return layout.size();
    }

    /** Layer widths, input first (a copy). */
    public int[] widths() {
        return widths.clone();
    }

    public int inputWidth() {
        return widths[0];
    }

    public int outputWidth() {
        return widths[widths.length - 1];
    }

    /** Number of weight layers. */
    public int layerCount() {
        return widths.length - 1;
    }

    public Activation hiddenActivation() {
        return hidden;
    }

    public Activation outputActivation() {
        return output;
    }

    /** The widths as a spec, e.g. {@code 64-30-10} or {@code 64-rbf20-10}. */
    public String spec() {
        return LayerSpec.format(widths, rbf);
    }

    /** True when weight layer {@code layer} (from 1) is a layer of Gaussian units. */
    public boolean isRbf(int layer) {
        return rbf[layer - 1];
    }

    /** True when any layer is a layer of Gaussian units. */
    public boolean hasRbf() {
        for (boolean b : rbf) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** Whether RBF centres and widths are trained. */
    public boolean trainsRbf() {
        return trainRbf;
    }

    /** Offset of layer {@code layer}'s (from 1) weights in the flat vector. */
    public int weightOffset(int layer) {
        return weightOffset[layer - 1];
    }

    /** Offset of layer {@code layer}'s (from 1) biases in the flat vector. */
    public int biasOffset(int layer) {
        return biasOffset[layer - 1];
    }

    /** Buffers for passes of up to {@code capacity} examples. */
    public Workspace newWorkspace(int capacity) {
        return new Workspace(widths, capacity);
    }

    /** The widths without a copy, for the passes of this package. */
    int[] widthsView() {
        return widths;
    }

    /** The activation of weight layer {@code layerIndex} (from 0). */
    Activation activationOf(int layerIndex) {
        return activation(layerIndex);
    }

    private Activation activation(int layerIndex) {
        return layerIndex == widths.length - 2 ? output : hidden;
    }

    private void check(double[] w, Workspace ws, int rows) {
        if (w.length != layout.size()) {
            throw new IllegalArgumentException("parameter vector has " + w.length + " entries, the network " + spec()
                    + " has " + layout.size());
        }
        if (!ws.fits(widths)) {
            throw new IllegalArgumentException("workspace was made for another network than " + spec());
        }
        if (rows <= 0 || rows > ws.capacity()) {
            throw new IllegalArgumentException(rows + " rows do not fit a workspace of " + ws.capacity());
        }
    }

    /**
     * Forward pass of the first {@code rows} examples of {@code ws.inputs()} at weights {@code w}.
     * Per layer: one matrix product {@code Z = A W'} through the compute service, reading W in
     * place (transposed by flag), then bias and activation in one sweep over each row while it is
     * in cache.
     */
    public void forward(ComputeService compute, double[] w, Workspace ws, int rows) {
        check(w, ws, rows);
        double[] in = ws.x;
        for (int l = 0; l < widths.length - 1; l++) {
            int inputs = widths[l];
            int units = widths[l + 1];
            double[] z = ws.z[l];
            double[] a = ws.a[l];
            if (rbf[l]) {
                RadialBasisLayer.forward(in, rows, inputs, units, w, weightOffset[l], biasOffset[l], z, a);
                in = a;
                continue;
            }
            compute.dgemm(false, true, rows, units, inputs, 1.0, in, 0, inputs, w, weightOffset[l], inputs, 0.0, z, 0, units);
            Activation f = activation(l);
            boolean coupled = !f.elementwise();
            int bOff = biasOffset[l];
            for (int i = 0; i < rows; i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    z[row + j] += w[bOff + j];
                }
                if (coupled) {
                    f.forwardRow(z, a, row, units);
                } else {
                    f.forward(z, a, row, row + units);
                }
            }
            in = a;
        }
    }

    /**
     * Per-example losses of the last forward pass and, when {@code withDelta}, the output
     * layer's delta for {@link #backward}.
     *
     * @return the sum of the per-example losses of the {@code rows} examples
     */
    public double loss(OutputLayerLoss loss, Workspace ws, int rows, boolean withDelta) {
        int last = widths.length - 2;
        return loss.evaluate(ws.z[last], ws.a[last], ws.targets, rows, outputWidth(), ws.exampleLoss,
                withDelta ? ws.delta[last] : null, ws.scratch);
    }

    /**
     * Backward pass after {@link #forward} and {@link #loss} with delta: writes (or, with
     * {@code accumulate}, adds) {@code scale} times the summed per-example gradient into
     * {@code gradient}. With {@code scale = 1/B} over a batch of B examples this is the gradient
     * of the mean loss; a batch processed in chunks accumulates from its second chunk on.
     */
    public void backward(ComputeService compute, double[] w, Workspace ws, int rows, double scale, boolean accumulate,
                         double[] gradient) {
        check(w, ws, rows);
        if (gradient.length != layout.size()) {
            throw new IllegalArgumentException("gradient vector has " + gradient.length + " entries, the network "
                    + spec() + " has " + layout.size());
        }
        for (int l = widths.length - 2; l >= 0; l--) {
            int inputs = widths[l];
            int units = widths[l + 1];
            double[] d = ws.delta[l];
            double[] in = l == 0 ? ws.x : ws.a[l - 1];
            if (rbf[l]) {
                RadialBasisLayer.backward(compute, in, rows, inputs, units, w, weightOffset[l], biasOffset[l], ws.z[l], d,
                        scale, accumulate, trainRbf, gradient, l > 0 ? ws.delta[l - 1] : null, ws.scratch);
                if (l > 0) {
                    toPreActivation(l - 1, ws, rows);
                }
                continue;
            }
            // dE/dW_l = scale * Delta_l' A_{l-1}: transpose by flag, written straight into the segment
            compute.dgemm(true, false, units, inputs, rows, scale, d, 0, units, in, 0, inputs,
                    accumulate ? 1.0 : 0.0, gradient, weightOffset[l], inputs);
            int bOff = biasOffset[l];
            if (!accumulate) {
                Arrays.fill(gradient, bOff, bOff + units, 0.0);
            }
            for (int i = 0; i < rows; i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    gradient[bOff + j] += scale * d[row + j];
                }
            }
            if (l > 0) {
                double[] below = ws.delta[l - 1];
                compute.dgemm(false, false, rows, inputs, units, 1.0, d, 0, units, w, weightOffset[l], inputs, 0.0, below, 0, inputs);
                toPreActivation(l - 1, ws, rows);
            }
        }
    }

    /**
     * Turns {@code ws.delta[layer]}, holding dE/da of that layer, into dE/dz: times f'(z) for a
     * dense layer, times {@code da/dy = -a} for Gaussian units {@code a = exp(-y)}.
     */
    private void toPreActivation(int layer, Workspace ws, int rows) {
        double[] below = ws.delta[layer];
        int n = rows * widths[layer + 1];
        if (rbf[layer]) {
            double[] a = ws.a[layer];
            for (int k = 0; k < n; k++) {
                below[k] *= -a[k];
            }
            return;
        }
        hidden.derivative(ws.z[layer], ws.a[layer], ws.scratch, 0, n);
        for (int k = 0; k < n; k++) {
            below[k] *= ws.scratch[k];
        }
    }

    /**
     * Hessian-vector product by the R-operator (forward-over-reverse, section 1.7): writes (or,
     * with {@code accumulate}, adds) {@code scale} times the summed per-example {@code H_p v}
     * of the first {@code rows} examples into {@code out}. Needs f'' of every activation.
     */
    public void hessianVector(ComputeService compute, double[] w, double[] v, Workspace ws, int rows, OutputLayerLoss loss,
                              double scale, boolean accumulate, double[] out) {
        checkSecondOrder(w, ws, rows, v, out);
        SecondOrderPasses.curvatureVector(this, compute, w, v, ws, rows, loss, SecondOrderPasses.Product.HESSIAN, scale,
                accumulate, out);
    }

    /** Gauss-Newton-vector product {@code J' H_o J v} (eq 51), otherwise as {@link #hessianVector}. */
    public void gaussNewtonVector(ComputeService compute, double[] w, double[] v, Workspace ws, int rows,
                                  OutputLayerLoss loss, double scale, boolean accumulate, double[] out) {
        checkSecondOrder(w, ws, rows, v, out);
        SecondOrderPasses.curvatureVector(this, compute, w, v, ws, rows, loss, SecondOrderPasses.Product.GAUSS_NEWTON,
                scale, accumulate, out);
    }

    /** The diagonal Gauss-Newton term by backpropagating second derivatives (eqs 54-56). */
    public void diagonalGaussNewton(ComputeService compute, double[] w, Workspace ws, int rows, OutputLayerLoss loss,
                                    double scale, boolean accumulate, double[] out) {
        checkSecondOrder(w, ws, rows, w, out);
        SecondOrderPasses.diagonalGaussNewton(this, compute, w, ws, rows, loss, scale, accumulate, out);
    }

    /** Residuals {@code (o - t) scale} of the first {@code rows} examples into {@code r[offset..]}. */
    public void residuals(ComputeService compute, double[] w, Workspace ws, int rows, double scale, double[] r, int offset) {
        check(w, ws, rows);
        SecondOrderPasses.residuals(this, compute, w, ws, rows, scale, r, offset);
    }

    /** Jacobian rows {@code scale d o_pk / dw} of the first {@code rows} examples from row {@code firstRow}. */
    public void jacobian(ComputeService compute, double[] w, Workspace ws, int rows, double scale, double[] j,
                         long firstRow) {
        check(w, ws, rows);
        if (hasRbf()) {
            throw new UnsupportedOperationException("the Jacobian is implemented for dense layers only; the network "
                    + spec() + " has RBF units");
        }
        SecondOrderPasses.jacobian(this, compute, w, ws, rows, scale, j, firstRow);
    }

    private void checkSecondOrder(double[] w, Workspace ws, int rows, double[] v, double[] out) {
        check(w, ws, rows);
        if (hasRbf() && v != w) {
            throw new UnsupportedOperationException("exact Hessian- and Gauss-Newton-vector products are implemented for "
                    + "dense layers only; the network " + spec() + " has RBF units: use products=finite-difference");
        }
        if (v.length != layout.size() || out.length != layout.size()) {
            throw new IllegalArgumentException("vectors of " + v.length + " and " + out.length + " entries for the network "
                    + spec() + " of " + layout.size() + " parameters");
        }
    }

    /**
     * Initialises every RBF layer of {@code w} from data (section 1.4.8): the examples'
     * inputs are passed through the layers below (at their current weights), then centres by
     * seeded k-means and widths from the centres' spread ({@link RadialBasisLayer#initialize}).
     *
     * @param inputs     examples, rows x input width, row-major
     * @param widthScale factor on each centre's distance to its nearest neighbour
     */
    public void initializeRbfLayers(ComputeService compute, double[] w, double[] inputs, int rows, double widthScale,
                                    long seed) {
        if (!hasRbf()) {
            return;
        }
        Workspace ws = newWorkspace(rows);
        System.arraycopy(inputs, 0, ws.x, 0, rows * widths[0]);
        for (int l = 0; l < rbf.length; l++) {
            if (rbf[l]) {
                double[] in = ws.x;
                if (l > 0) {
                    forward(compute, w, ws, rows);
                    in = ws.a[l - 1];
                }
                RadialBasisLayer.initialize(in, rows, widths[l], widths[l + 1], w, weightOffset[l], biasOffset[l],
                        widthScale, seed + l);
            }
        }
    }

    /** Number of the first {@code rows} examples whose largest output is at their label. */
    public int countCorrect(Workspace ws, int rows) {
        double[] o = ws.outputs();
        int width = outputWidth();
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

    @Override
    public String toString() {
        return spec() + " " + hidden.name() + "/" + output.name();
    }
}
