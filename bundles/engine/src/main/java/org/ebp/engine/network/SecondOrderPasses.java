package org.ebp.engine.network;

import java.util.Arrays;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Loss;

/**
 * The extra passes of section 1.7 for a {@link Network} of dense layers: Hessian-vector and
 * Gauss-Newton-vector products by Pearlmutter's R-operator (forward-over-reverse), the diagonal
 * Gauss-Newton term by backpropagating second derivatives (eqs 54-56), and the residuals and
 * Jacobian of a squared-error loss (eq 51).
 *
 * <p><b>R-operator.</b> For a direction v (with the layout of the weights: {@code V_l}, {@code
 * vb_l}) write {@code R{x} = d/dr x(w + r v)} at r = 0. In batch form (rows are examples):
 * <pre>
 *   R{Z_l} = A_{l-1} V_l' + 1 vb_l' + R{A_{l-1}} W_l'       R{A_l} = f'(Z_l) .* R{Z_l}        (R{A_0} = 0)
 *   R{D_L} = H_o R{Z_L} (+ dE/do .* f''(Z_L) .* R{Z_L}, exact only)
 *   R{D_{l-1}} = (R{D_l} W_l + D_l V_l) .* f'(Z_{l-1}) + (D_l W_l) .* f''(Z_{l-1}) .* R{Z_{l-1}}
 *   R{dE/dW_l} = (R{D_l}' A_{l-1} + D_l' R{A_{l-1}}) / B          R{dE/db_l} = 1' R{D_l} / B
 * </pre>
 * which is {@code H v} exactly (eq 59 without the finite difference). {@code H_o} is the loss's
 * curvature on the output pre-activations: {@code c(o,t) f'(z)^2} for an elementwise output
 * ({@code c = 1} for half squared error, eq 54), {@code T (diag p - p p')} for softmax with
 * cross-entropy. The Gauss-Newton product {@code G v = J' H_o J v} (eq 51 generalised) is the same
 * pass with every term that involves a second derivative of the network or the first derivative
 * of the loss dropped: {@code R{D_{l-1}} = (R{D_l} W_l) .* f'(Z_{l-1})} and
 * {@code R{dE/dW_l} = R{D_l}' A_{l-1} / B}.
 */
final class SecondOrderPasses {

    private SecondOrderPasses() {
    }

    /** Which product a curvature pass computes. */
    enum Product { HESSIAN, GAUSS_NEWTON }

    /**
     * Adds (or writes) {@code scale} times the summed per-example product of the first {@code
     * rows} examples into {@code out}. Runs its own forward pass, so any state may be in the
     * workspace before.
     */
    static void curvatureVector(Network net, ComputeService compute, double[] w, double[] v, Workspace ws, int rows,
                                OutputLayerLoss loss, Product product, double scale, boolean accumulate, double[] out) {
        ws.ensureSecondOrderBuffers();
        int[] widths = net.widthsView();
        int layers = widths.length - 1;
        boolean exact = product == Product.HESSIAN;
        net.forward(compute, w, ws, rows);
        net.loss(loss, ws, rows, exact);

        // forward R pass
        for (int l = 0; l < layers; l++) {
            int inputs = widths[l];
            int units = widths[l + 1];
            double[] rz = ws.rz[l];
            double[] in = l == 0 ? ws.x : ws.a[l - 1];
            compute.dgemm(false, true, rows, units, inputs, 1.0, in, 0, inputs, v, net.weightOffset(l + 1), inputs,
                    0.0, rz, 0, units);
            if (l > 0) {
                compute.dgemm(false, true, rows, units, inputs, 1.0, ws.ra[l - 1], 0, inputs, w, net.weightOffset(l + 1),
                        inputs, 1.0, rz, 0, units);
            }
            int bOff = net.biasOffset(l + 1);
            for (int i = 0; i < rows; i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    rz[row + j] += v[bOff + j];
                }
            }
            if (l < layers - 1) {
                int n = rows * units;
                net.activationOf(l).derivative(ws.z[l], ws.a[l], ws.scratch, 0, n);
                double[] ra = ws.ra[l];
                for (int k = 0; k < n; k++) {
                    ra[k] = ws.scratch[k] * rz[k];
                }
            }
        }

        // R{D_L}: the output curvature applied to R{Z_L}
        int last = layers - 1;
        int width = widths[layers];
        double[] rzL = ws.rz[last];
        double[] rdL = ws.rdelta[last];
        double[] z = ws.z[last];
        double[] o = ws.a[last];
        double[] t = ws.targets;
        if (loss instanceof OutputLayerLoss.SoftmaxCrossEntropy) {
            // d2E/dz2 = T (diag p - p p'), the same for the exact Hessian and Gauss-Newton
            for (int i = 0; i < rows; i++) {
                int off = i * width;
                double targetSum = 0;
                double pDotRz = 0;
                for (int k = 0; k < width; k++) {
                    targetSum += t[off + k];
                    pDotRz += o[off + k] * rzL[off + k];
                }
                for (int k = 0; k < width; k++) {
                    rdL[off + k] = targetSum * o[off + k] * (rzL[off + k] - pDotRz);
                }
            }
        } else {
            Activation f = net.activationOf(last);
            Loss lossFunction = loss.loss();
            double[] dEdo = ws.scratch2;
            for (int i = 0; i < rows; i++) {
                lossFunction.gradient(o, i * width, t, i * width, dEdo, i * width, width);
            }
            int n = rows * width;
            f.derivative(z, o, ws.scratch, 0, n);
            for (int k = 0; k < n; k++) {
                double fp = ws.scratch[k];
                double r = lossFunction.outputCurvature(o[k], t[k]) * fp * fp * rzL[k];
                if (exact) {
                    r += dEdo[k] * f.secondDerivative(z[k]) * rzL[k];
                }
                rdL[k] = r;
            }
        }

        // backward R pass
        for (int l = last; l >= 0; l--) {
            int inputs = widths[l];
            int units = widths[l + 1];
            double[] rd = ws.rdelta[l];
            double[] d = ws.delta[l];
            double[] in = l == 0 ? ws.x : ws.a[l - 1];
            int wOff = net.weightOffset(l + 1);
            compute.dgemm(true, false, units, inputs, rows, scale, rd, 0, units, in, 0, inputs,
                    accumulate ? 1.0 : 0.0, out, wOff, inputs);
            if (exact && l > 0) {
                compute.dgemm(true, false, units, inputs, rows, scale, d, 0, units, ws.ra[l - 1], 0, inputs, 1.0, out, wOff,
                        inputs);
            }
            int bOff = net.biasOffset(l + 1);
            if (!accumulate) {
                Arrays.fill(out, bOff, bOff + units, 0.0);
            }
            for (int i = 0; i < rows; i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    out[bOff + j] += scale * rd[row + j];
                }
            }
            if (l > 0) {
                double[] rdBelow = ws.rdelta[l - 1];
                int n = rows * inputs;
                Activation f = net.activationOf(l - 1);
                double[] zBelow = ws.z[l - 1];
                f.derivative(zBelow, ws.a[l - 1], ws.scratch, 0, n);
                compute.dgemm(false, false, rows, inputs, units, 1.0, rd, 0, units, w, wOff, inputs, 0.0, rdBelow, 0, inputs);
                if (exact) {
                    compute.dgemm(false, false, rows, inputs, units, 1.0, d, 0, units, v, wOff, inputs, 1.0, rdBelow, 0,
                            inputs);
                    // back = D_l W_l, needed both for the f'' term and for D_{l-1} itself
                    double[] back = ws.scratch2;
                    compute.dgemm(false, false, rows, inputs, units, 1.0, d, 0, units, w, wOff, inputs, 0.0, back, 0,
                            inputs);
                    double[] rzBelow = ws.rz[l - 1];
                    double[] dBelow = ws.delta[l - 1];
                    for (int k = 0; k < n; k++) {
                        double fp = ws.scratch[k];
                        rdBelow[k] = rdBelow[k] * fp + back[k] * f.secondDerivative(zBelow[k]) * rzBelow[k];
                        dBelow[k] = back[k] * fp;
                    }
                } else {
                    for (int k = 0; k < n; k++) {
                        rdBelow[k] *= ws.scratch[k];
                    }
                }
            }
        }
    }

    /**
     * The diagonal Gauss-Newton term by backpropagating second derivatives (Becker and LeCun):
     * starting from the output curvature {@code d2E/dz_k^2 = c(o,t) f'(z_k)^2} (eq 54; for
     * softmax with cross-entropy the diagonal {@code T p_k (1 - p_k)} of its curvature),
     * {@code d2E/dw_ki^2 = d2E/dz_k^2 x_i^2} (eq 55) and
     * {@code d2E/dz_i^2 = f'(z_i)^2 sum_k d2E/dz_k^2 w_ki^2} (eqs 56 and 54 one layer down).
     * It equals {@code diag(J' H_o J)} exactly for the weights of the output layer; in lower
     * layers it drops the cross terms between the paths through different units, as the paper's
     * approximation does. Adds (or writes) {@code scale} times the sum over the examples.
     */
    static void diagonalGaussNewton(Network net, ComputeService compute, double[] w, Workspace ws, int rows,
                                    OutputLayerLoss loss, double scale, boolean accumulate, double[] out) {
        ws.ensureSecondOrderBuffers();
        int[] widths = net.widthsView();
        int layers = widths.length - 1;
        int last = layers - 1;
        net.forward(compute, w, ws, rows);
        int width = widths[layers];
        double[] h = ws.rdelta[last];
        double[] o = ws.a[last];
        double[] t = ws.targets;
        if (loss instanceof OutputLayerLoss.SoftmaxCrossEntropy) {
            for (int i = 0; i < rows; i++) {
                int off = i * width;
                double targetSum = 0;
                for (int k = 0; k < width; k++) {
                    targetSum += t[off + k];
                }
                for (int k = 0; k < width; k++) {
                    h[off + k] = targetSum * o[off + k] * (1 - o[off + k]);
                }
            }
        } else {
            int n = rows * width;
            net.activationOf(last).derivative(ws.z[last], o, ws.scratch, 0, n);
            Loss lossFunction = loss.loss();
            for (int k = 0; k < n; k++) {
                double fp = ws.scratch[k];
                h[k] = lossFunction.outputCurvature(o[k], t[k]) * fp * fp; // eq 54
            }
        }
        for (int l = last; l >= 0; l--) {
            int inputs = widths[l];
            int units = widths[l + 1];
            double[] hl = ws.rdelta[l];
            double[] in = l == 0 ? ws.x : ws.a[l - 1];
            int n = rows * inputs;
            if (net.isRbf(l + 1)) {
                // the RBF variant: (x_i - c_ui)^2 / s^4 in place of x_i^2 (our y = |x - c|^2 / 2 s^2)
                double[] below = l > 0 ? ws.rdelta[l - 1] : null;
                RadialBasisLayer.diagonalGaussNewton(in, rows, inputs, units, w, net.weightOffset(l + 1),
                        net.biasOffset(l + 1), ws.z[l], hl, scale, accumulate, out, below);
                if (below != null) {
                    squareOfDerivative(net, l - 1, ws, rows, below);
                }
                continue;
            }
            double[] squaredInputs = ws.scratch2;
            for (int k = 0; k < n; k++) {
                squaredInputs[k] = in[k] * in[k];
            }
            int wOff = net.weightOffset(l + 1);
            // eq 55 summed over the examples: H_l' (A_{l-1} .* A_{l-1})
            compute.dgemm(true, false, units, inputs, rows, scale, hl, 0, units, squaredInputs, 0, inputs,
                    accumulate ? 1.0 : 0.0, out, wOff, inputs);
            int bOff = net.biasOffset(l + 1);
            if (!accumulate) {
                Arrays.fill(out, bOff, bOff + units, 0.0);
            }
            for (int i = 0; i < rows; i++) {
                int row = i * units;
                for (int j = 0; j < units; j++) {
                    out[bOff + j] += scale * hl[row + j]; // the bias input is 1
                }
            }
            if (l > 0) {
                double[] squared = ws.squaredWeights;
                int m = units * inputs;
                for (int k = 0; k < m; k++) {
                    double x = w[wOff + k];
                    squared[k] = x * x;
                }
                double[] below = ws.rdelta[l - 1];
                // eq 56: H_{l-1} = (H_l (W_l .* W_l)) .* f'(Z_{l-1})^2
                compute.dgemm(false, false, rows, inputs, units, 1.0, hl, 0, units, squared, 0, inputs, 0.0, below, 0, inputs);
                squareOfDerivative(net, l - 1, ws, rows, below);
            }
        }
    }

    /** Multiplies d2E/da^2 of layer {@code layer} by (da/dz)^2: f'(z)^2, or a^2 for Gaussian units (eq 54). */
    private static void squareOfDerivative(Network net, int layer, Workspace ws, int rows, double[] h) {
        int n = rows * net.widthsView()[layer + 1];
        if (net.isRbf(layer + 1)) {
            double[] a = ws.a[layer];
            for (int k = 0; k < n; k++) {
                h[k] *= a[k] * a[k];
            }
            return;
        }
        net.activationOf(layer).derivative(ws.z[layer], ws.a[layer], ws.scratch, 0, n);
        for (int k = 0; k < n; k++) {
            double fp = ws.scratch[k];
            h[k] *= fp * fp;
        }
    }

    /**
     * Residuals {@code r = (o - t) * scale} of the first {@code rows} examples, written from
     * {@code r[offset]} on, example by example. With {@code scale = 1/sqrt(B)} the mean half
     * squared error of a batch of B is {@code |r|^2 / 2}.
     */
    static void residuals(Network net, ComputeService compute, double[] w, Workspace ws, int rows, double scale,
                          double[] r, int offset) {
        net.forward(compute, w, ws, rows);
        double[] o = ws.outputs();
        int n = rows * net.outputWidth();
        for (int k = 0; k < n; k++) {
            r[offset + k] = (o[k] - ws.targets[k]) * scale;
        }
    }

    /**
     * Rows of the Jacobian of the residuals, {@code d r_(p,k) / dw = scale * d o_pk / dw}, for the
     * first {@code rows} examples, written as rows {@code firstRow ..} of {@code j} (each
     * {@code dimension} long). One single-example backward pass per output, by plain loops: a
     * Jacobian is for small networks.
     */
    static void jacobian(Network net, ComputeService compute, double[] w, Workspace ws, int rows, double scale,
                         double[] j, long firstRow) {
        ws.ensureSecondOrderBuffers();
        int[] widths = net.widthsView();
        int layers = widths.length - 1;
        int size = net.size();
        net.forward(compute, w, ws, rows);
        // f'(Z_l) for every layer, kept in rz (unused by this pass)
        for (int l = 0; l < layers; l++) {
            net.activationOf(l).derivative(ws.z[l], ws.a[l], ws.rz[l], 0, rows * widths[l + 1]);
        }
        int outputs = widths[layers];
        double[] current = new double[maxWidth(widths)];
        double[] below = new double[maxWidth(widths)];
        for (int p = 0; p < rows; p++) {
            for (int k = 0; k < outputs; k++) {
                long rowStart = (firstRow + (long) p * outputs + k) * size;
                int base = Math.toIntExact(rowStart);
                Arrays.fill(current, 0.0);
                current[k] = scale * ws.rz[layers - 1][p * outputs + k];
                for (int l = layers - 1; l >= 0; l--) {
                    int inputs = widths[l];
                    int units = widths[l + 1];
                    double[] in = l == 0 ? ws.x : ws.a[l - 1];
                    int inOff = p * inputs;
                    int wOff = net.weightOffset(l + 1);
                    int bOff = net.biasOffset(l + 1);
                    for (int u = 0; u < units; u++) {
                        double du = current[u];
                        int rowOff = base + wOff + u * inputs;
                        for (int i = 0; i < inputs; i++) {
                            j[rowOff + i] = du * in[inOff + i];
                        }
                        j[base + bOff + u] = du;
                    }
                    if (l > 0) {
                        Arrays.fill(below, 0, inputs, 0.0);
                        for (int u = 0; u < units; u++) {
                            double du = current[u];
                            if (du != 0) {
                                int rowOff = wOff + u * inputs;
                                for (int i = 0; i < inputs; i++) {
                                    below[i] += du * w[rowOff + i];
                                }
                            }
                        }
                        double[] fp = ws.rz[l - 1];
                        for (int i = 0; i < inputs; i++) {
                            below[i] *= fp[p * inputs + i];
                        }
                        double[] swap = current;
                        current = below;
                        below = swap;
                    }
                }
            }
        }
    }

    private static int maxWidth(int[] widths) {
        int m = 0;
        for (int x : widths) {
            m = Math.max(m, x);
        }
        return m;
    }
}
