package org.ebp.engine.network;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ebp.api.compute.ComputeService;

/**
 * A layer of Gaussian units (section 1.4.8): unit u with centre {@code c_u} and width
 * {@code s_u} computes {@code y_u = |x - c_u|^2 / (2 s_u^2)} (kept as the layer's "pre-activation")
 * and outputs {@code a_u = exp(-y_u)}. The next (dense) layer holds the output weights
 * {@code g(x) = sum_u w_u a_u}. Centres come from k-means on the layer's inputs and widths from
 * the centres' spread, as the paper suggests ("centres and widths by unsupervised clustering");
 * both can then be trained by gradient descent with everything else, or kept.
 *
 * <p>Derivatives: {@code dy/dc_ui = -(x_i - c_ui) / s_u^2}, {@code dy/ds_u = -2 y_u / s_u},
 * {@code dy/dx_i = (x_i - c_ui) / s_u^2}, {@code da/dy = -a}.
 */
final class RadialBasisLayer {

    private RadialBasisLayer() {
    }

    /** y and a = exp(-y) of {@code rows} examples; plain loops (RBF layers are small and this is exact). */
    static void forward(double[] in, int rows, int inputs, int units, double[] w, int centers, int widthsOffset,
                        double[] y, double[] a) {
        for (int p = 0; p < rows; p++) {
            int xOff = p * inputs;
            for (int u = 0; u < units; u++) {
                double s = w[widthsOffset + u];
                int cOff = centers + u * inputs;
                double d2 = 0;
                for (int i = 0; i < inputs; i++) {
                    double diff = in[xOff + i] - w[cOff + i];
                    d2 += diff * diff;
                }
                double value = d2 / (2 * s * s);
                y[p * units + u] = value;
                a[p * units + u] = Math.exp(-value);
            }
        }
    }

    /**
     * Gradient of centres and widths from {@code d = dE/dy} (zero when not trained), and
     * {@code dE/dx} into {@code below} (when not null).
     */
    static void backward(ComputeService compute, double[] in, int rows, int inputs, int units, double[] w, int centers,
                         int widthsOffset, double[] y, double[] d, double scale, boolean accumulate, boolean train,
                         double[] gradient, double[] below, double[] scratch) {
        if (!accumulate) {
            Arrays.fill(gradient, centers, centers + units * inputs, 0.0);
            Arrays.fill(gradient, widthsOffset, widthsOffset + units, 0.0);
        }
        if (train) {
            for (int u = 0; u < units; u++) {
                double s = w[widthsOffset + u];
                double inverse = 1 / (s * s);
                int cOff = centers + u * inputs;
                double widthSum = 0;
                for (int p = 0; p < rows; p++) {
                    double du = d[p * units + u];
                    if (du == 0) {
                        continue;
                    }
                    int xOff = p * inputs;
                    for (int i = 0; i < inputs; i++) {
                        gradient[cOff + i] -= scale * du * (in[xOff + i] - w[cOff + i]) * inverse;
                    }
                    widthSum -= du * 2 * y[p * units + u] / s;
                }
                gradient[widthsOffset + u] += scale * widthSum;
            }
        }
        if (below != null) {
            for (int p = 0; p < rows; p++) {
                int xOff = p * inputs;
                Arrays.fill(below, xOff, xOff + inputs, 0.0);
                for (int u = 0; u < units; u++) {
                    double s = w[widthsOffset + u];
                    double factor = d[p * units + u] / (s * s);
                    int cOff = centers + u * inputs;
                    for (int i = 0; i < inputs; i++) {
                        below[xOff + i] += factor * (in[xOff + i] - w[cOff + i]);
                    }
                }
            }
        }
    }

    /**
     * The RBF variant of eqs 55-56 (section 1.7): from {@code h = d2E/dy^2} per example,
     * {@code d2E/dc_ui^2 = h (x_i - c_ui)^2 / s^4} and {@code d2E/ds^2 = h (2 y / s)^2} (added
     * with {@code scale}), and {@code d2E/dx_i^2 = sum_u h (x_i - c_ui)^2 / s^4} into
     * {@code below} when not null.
     */
    static void diagonalGaussNewton(double[] in, int rows, int inputs, int units, double[] w, int centers,
                                    int widthsOffset, double[] y, double[] h, double scale, boolean accumulate,
                                    double[] out, double[] below) {
        if (!accumulate) {
            Arrays.fill(out, centers, centers + units * inputs, 0.0);
            Arrays.fill(out, widthsOffset, widthsOffset + units, 0.0);
        }
        if (below != null) {
            Arrays.fill(below, 0, rows * inputs, 0.0);
        }
        for (int p = 0; p < rows; p++) {
            int xOff = p * inputs;
            for (int u = 0; u < units; u++) {
                double s = w[widthsOffset + u];
                double hu = h[p * units + u];
                double s4 = s * s * s * s;
                int cOff = centers + u * inputs;
                for (int i = 0; i < inputs; i++) {
                    double diff = in[xOff + i] - w[cOff + i];
                    double term = hu * diff * diff / s4;
                    out[cOff + i] += scale * term;
                    if (below != null) {
                        below[xOff + i] += term;
                    }
                }
                double dyds = 2 * y[p * units + u] / s;
                out[widthsOffset + u] += scale * hu * dyds * dyds;
            }
        }
    }

    /**
     * Centres by k-means (Lloyd's iterations from a k-means++ start, seeded) on {@code rows}
     * input rows, and each width as {@code widthScale} times the distance from its centre to the
     * nearest other centre (the centres' spread; a lone centre gets the inputs' RMS spread).
     */
    static void initialize(double[] inputs, int rows, int width, int units, double[] w, int centers, int widthsOffset,
                           double widthScale, long seed) {
        if (rows < units) {
            throw new IllegalArgumentException("k-means needs at least as many examples as RBF units: " + rows
                    + " examples for " + units + " units; use fewer units");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] c = new double[units * width];
        double[] nearest = new double[rows];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int first = random.nextInt(rows);
        System.arraycopy(inputs, first * width, c, 0, width);
        for (int u = 1; u < units; u++) {
            double total = 0;
            for (int p = 0; p < rows; p++) {
                nearest[p] = Math.min(nearest[p], distance2(inputs, p * width, c, (u - 1) * width, width));
                total += nearest[p];
            }
            double pick = random.nextDouble() * total;
            int chosen = rows - 1;
            for (int p = 0; p < rows; p++) {
                pick -= nearest[p];
                if (pick <= 0) {
                    chosen = p;
                    break;
                }
            }
            System.arraycopy(inputs, chosen * width, c, u * width, width);
        }
        int[] assignment = new int[rows];
        double[] sums = new double[units * width];
        int[] counts = new int[units];
        for (int iteration = 0; iteration < 50; iteration++) {
            boolean changed = false;
            for (int p = 0; p < rows; p++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int u = 0; u < units; u++) {
                    double dist = distance2(inputs, p * width, c, u * width, width);
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = u;
                    }
                }
                changed |= iteration == 0 || assignment[p] != best;
                assignment[p] = best;
            }
            if (!changed) {
                break;
            }
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int p = 0; p < rows; p++) {
                int u = assignment[p];
                counts[u]++;
                for (int i = 0; i < width; i++) {
                    sums[u * width + i] += inputs[p * width + i];
                }
            }
            for (int u = 0; u < units; u++) {
                if (counts[u] > 0) {
                    for (int i = 0; i < width; i++) {
                        c[u * width + i] = sums[u * width + i] / counts[u];
                    }
                }
            }
        }
        System.arraycopy(c, 0, w, centers, c.length);
        double spread = 0;
        for (int p = 0; p < rows; p++) {
            spread += distance2(inputs, p * width, c, assignment[p] * width, width);
        }
        spread = Math.sqrt(spread / rows);
        for (int u = 0; u < units; u++) {
            double closest = Double.POSITIVE_INFINITY;
            for (int v = 0; v < units; v++) {
                if (v != u) {
                    closest = Math.min(closest, distance2(c, u * width, c, v * width, width));
                }
            }
            double s = Double.isFinite(closest) && closest > 0 ? Math.sqrt(closest) : spread;
            w[widthsOffset + u] = widthScale * (s > 0 ? s : 1.0);
        }
    }

    private static double distance2(double[] a, int aOff, double[] b, int bOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = a[aOff + i] - b[bOff + i];
            s += d * d;
        }
        return s;
    }
}
