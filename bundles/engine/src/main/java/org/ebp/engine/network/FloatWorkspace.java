package org.ebp.engine.network;

/**
 * Reused float32 buffers for the passes of {@link FloatPasses} over up to {@link #capacity()}
 * examples of one network shape, row-major, one row per example. The output layer is also kept
 * in double ({@code outZ}, {@code outA}, {@code outDelta}): it is narrow (a row per class), and
 * the loss, softmax included, is evaluated there by the same code as the float64 path.
 */
public final class FloatWorkspace {

    private final int capacity;
    private final int[] widths;

    /** Inputs, capacity x widths[0] ({@link #swapInputs} exchanges them with another workspace's). */
    float[] x;
    /** Targets, capacity x output width (coded in double by the target coding). */
    double[] targets;
    int[] labels;
    final double[] exampleLoss;
    /** Pre-activations, outputs and dE/dz of layer l+1 (index l); the last layer's a is unused. */
    final float[][] z;
    final float[][] a;
    final float[][] delta;
    /** Scratch for derivatives, capacity x the widest layer. */
    final float[] scratch;
    /** One row of the first layer's weights, for {@link FloatPasses#updateFirstLayer} on the thread that owns this workspace. */
    final float[] row;
    /** The output layer in double: pre-activations, outputs, dE/dz, scratch. */
    final double[] outZ;
    final double[] outA;
    final double[] outDelta;
    final double[] outScratch;

    FloatWorkspace(int[] widths, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("workspace capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
        this.widths = widths.clone();
        int layers = widths.length - 1;
        int out = widths[layers];
        x = new float[capacity * widths[0]];
        targets = new double[capacity * out];
        labels = new int[capacity];
        exampleLoss = new double[capacity];
        z = new float[layers][];
        a = new float[layers][];
        delta = new float[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            int n = capacity * widths[l + 1];
            z[l] = new float[n];
            a[l] = new float[n];
            delta[l] = new float[n];
            widest = Math.max(widest, widths[l + 1]);
        }
        scratch = new float[capacity * widest];
        row = new float[widths[0]];
        outZ = new double[capacity * out];
        outA = new double[capacity * out];
        outDelta = new double[capacity * out];
        outScratch = new double[capacity * out];
    }

    public int capacity() {
        return capacity;
    }

    /** True when this workspace fits a network of these widths. */
    public boolean fits(int[] networkWidths) {
        return java.util.Arrays.equals(widths, networkWidths);
    }

    /** Input rows, filled by the caller. */
    public float[] inputs() {
        return x;
    }

    public double[] targets() {
        return targets;
    }

    public int[] labels() {
        return labels;
    }

    /**
     * Exchanges the input rows, targets and labels with {@code other}'s, a workspace of the same
     * shape: a batch gathered there ahead of its step (while the other thread was busy) becomes
     * this one's without a copy. Neither workspace may be in use by another thread meanwhile.
     */
    public void swapInputs(FloatWorkspace other) {
        if (other.capacity != capacity || !java.util.Arrays.equals(other.widths, widths)) {
            throw new IllegalArgumentException("workspaces of different shapes");
        }
        float[] otherX = other.x;
        double[] otherTargets = other.targets;
        int[] otherLabels = other.labels;
        other.x = x;
        other.targets = targets;
        other.labels = labels;
        x = otherX;
        targets = otherTargets;
        labels = otherLabels;
    }

    /** Per-example losses of the last {@link FloatPasses#loss} call. */
    public double[] exampleLosses() {
        return exampleLoss;
    }

    /** Outputs of the last layer after a forward pass, in double. */
    public double[] outputs() {
        return outA;
    }
}
