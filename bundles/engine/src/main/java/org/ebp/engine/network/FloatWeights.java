package org.ebp.engine.network;

/**
 * A network's parameters in float32, one array per layer for the weights and one for the biases,
 * so that a product on one layer hands the compute service that layer's block only (a provider
 * that copies its arguments copies no other layer). The float64 vector of the session stays the
 * master copy; {@link #load} and {@link #store} convert at the boundary.
 */
public final class FloatWeights {

    final float[][] weights;
    final float[][] biases;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int size;
    /** Counts {@link #load} and {@link #clear}: values computed from these weights are stale once it moves. */
    private int version;

    FloatWeights(Network network) {
        int layers = network.layerCount();
        int[] widths = network.widthsView();
        weights = new float[layers][];
        biases = new float[layers][];
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        for (int l = 0; l < layers; l++) {
            weights[l] = new float[widths[l] * widths[l + 1]];
            biases[l] = new float[widths[l + 1]];
            weightOffset[l] = network.weightOffset(l + 1);
            biasOffset[l] = network.biasOffset(l + 1);
        }
        size = network.size();
    }

    /** Rounds the flat float64 vector {@code w} into these arrays. */
    public void load(double[] w) {
        check(w);
        version++;
        for (int l = 0; l < weights.length; l++) {
            toFloat(w, weightOffset[l], weights[l]);
            toFloat(w, biasOffset[l], biases[l]);
        }
    }

    /** Writes these parameters into the flat float64 vector {@code w} (exactly: float widens to double). */
    public void store(double[] w) {
        check(w);
        for (int l = 0; l < weights.length; l++) {
            toDouble(weights[l], w, weightOffset[l]);
            toDouble(biases[l], w, biasOffset[l]);
        }
    }

    /** Sets every parameter to 0. */
    public void clear() {
        version++;
        for (int l = 0; l < weights.length; l++) {
            java.util.Arrays.fill(weights[l], 0f);
            java.util.Arrays.fill(biases[l], 0f);
        }
    }

    /** Moves on every {@link #load} and {@link #clear} (not on updates in place by the training passes). */
    public int version() {
        return version;
    }

    /** The weights of layer {@code layer} (from 1), units x inputs, row-major. */
    public float[] weights(int layer) {
        return weights[layer - 1];
    }

    public float[] biases(int layer) {
        return biases[layer - 1];
    }

    /** Index of the first weight of layer {@code layer} (from 1) in the flat layout. */
    public int weightOffset(int layer) {
        return weightOffset[layer - 1];
    }

    public int biasOffset(int layer) {
        return biasOffset[layer - 1];
    }

    public int layerCount() {
        return weights.length;
    }

    private void check(double[] w) {
        if (w.length != size) {
            throw new IllegalArgumentException("parameter vector has " + w.length + " entries, the network has " + size);
        }
    }

    private static void toFloat(double[] from, int off, float[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] = (float) from[off + i];
        }
    }

    private static void toDouble(float[] from, double[] to, int off) {
        for (int i = 0; i < from.length; i++) {
            to[off + i] = from[i];
        }
    }
}
