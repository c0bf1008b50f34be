package org.ebp.engine.network;

/**
 * Reused buffers for forward and backward passes of up to {@link #capacity()} examples through
 * one network shape. Every buffer is row-major, one row per example; a pass over {@code rows <=
 * capacity} examples uses the first {@code rows} rows, so one workspace serves every batch size
 * up to its capacity and a training run allocates nothing per step.
 *
 * <p>After a forward pass the workspace keeps the pre-activations {@code z} and outputs {@code a}
 * of every layer: the backward pass and (later) R-operator passes read them.
 */
public final class Workspace {

    private final int capacity;
    private final int[] widths;

    /** Inputs, capacity x widths[0]; filled by the caller before {@link Network#forward}. */
    final double[] x;
    /** Targets, capacity x output width. */
    final double[] targets;
    /** Class labels of the rows (classification), used for accuracy. */
    final int[] labels;
    /** Per-example losses of the last loss evaluation. */
    final double[] exampleLoss;
    /** Pre-activations of layer l+1 (index l), capacity x widths[l+1]. */
    final double[][] z;
    /** Outputs of layer l+1 (index l). */
    final double[][] a;
    /** dE/dz of layer l+1 (index l), per example (not yet divided by the batch size). */
    final double[][] delta;
    /** Scratch for activation derivatives, capacity x the widest layer. */
    final double[] scratch;

    // ---- buffers of the second-order passes (section 1.7), allocated on first use ----
    /** R{z} of layer l+1 (index l): the directional derivative of the pre-activations. */
    double[][] rz;
    /** R{a} of layer l+1 (index l). */
    double[][] ra;
    /** R{delta} of layer l+1 (index l), or the backpropagated second derivatives (eqs 54-56). */
    double[][] rdelta;
    /** Second scratch, capacity x the widest layer (including the input). */
    double[] scratch2;
    /** Elementwise squares of one layer's weights (eq 56), the largest weight matrix. */
    double[] squaredWeights;

    Workspace(int[] widths, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("workspace capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
        this.widths = widths.clone();
        int layers = widths.length - 1;
        int out = widths[layers];
        x = new double[capacity * widths[0]];
        targets = new double[capacity * out];
        labels = new int[capacity];
        exampleLoss = new double[capacity];
        z = new double[layers][];
        a = new double[layers][];
        delta = new double[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            int n = capacity * widths[l + 1];
            z[l] = new double[n];
            a[l] = new double[n];
            delta[l] = new double[n];
            widest = Math.max(widest, widths[l + 1]);
        }
        scratch = new double[capacity * widest];
    }

    /** Allocates the buffers of the second-order passes once; later calls do nothing. */
    void ensureSecondOrderBuffers() {
        if (rz != null) {
            return;
        }
        int layers = widths.length - 1;
        rz = new double[layers][];
        ra = new double[layers][];
        rdelta = new double[layers][];
        int widest = widths[0];
        int largestMatrix = 0;
        for (int l = 0; l < layers; l++) {
            int n = capacity * widths[l + 1];
            rz[l] = new double[n];
            ra[l] = new double[n];
            rdelta[l] = new double[n];
            widest = Math.max(widest, widths[l + 1]);
            largestMatrix = Math.max(largestMatrix, widths[l] * widths[l + 1]);
        }
        scratch2 = new double[capacity * widest];
        squaredWeights = new double[largestMatrix];
    }

    /** Largest number of rows a pass may use. */
    public int capacity() {
        return capacity;
    }

    /** True when this workspace fits a network of these widths. */
    public boolean fits(int[] networkWidths) {
        return java.util.Arrays.equals(widths, networkWidths);
    }

    /** Input buffer: row i of the batch at {@code i * inputWidth}. */
    public double[] inputs() {
        return x;
    }

    /** Target buffer: row i at {@code i * outputWidth}. */
    public double[] targets() {
        return targets;
    }

    /** Label buffer (classification). */
    public int[] labels() {
        return labels;
    }

    /** Per-example losses of the last {@link Network#loss} call. */
    public double[] exampleLosses() {
        return exampleLoss;
    }

    /** Outputs of the last layer after {@link Network#forward}: row i at {@code i * outputWidth}. */
    public double[] outputs() {
        return a[a.length - 1];
    }
}
