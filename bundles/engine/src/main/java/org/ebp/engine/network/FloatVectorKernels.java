package org.ebp.engine.network;

/**
 * The matrix-vector loops of online learning (one example) on float32 weights, row-major, which
 * the JIT compiles to the machine's vector instructions where it can; allocation-free.
 */
final class FloatVectorKernels {

    private FloatVectorKernels() {
    }

    /** Rows of W_1 updated before their products are taken in the look-ahead: 8 x 784 floats stay in the L1 cache. */
    static final int LOOK_AHEAD_ROWS = 8;

    /** {@code z = W x} for W units x inputs, row-major. */
    static void timesVector(float[] w, int units, int inputs, float[] x, float[] z) {
        rowsTimesVector(w, 0, units, inputs, x, z);
    }

    /**
     * {@code z[j] = W[j,:] . x} for rows j in [from, to): four rows at a time share each load of x
     * and keep four independent sums (one sum alone waits on each add's latency; eight measured
     * slower). Each row's sum runs over i in order, so any grouping of rows gives the same bits.
     */
    static void rowsTimesVector(float[] w, int from, int to, int inputs, float[] x, float[] z) {
        int j = from;
        for (; j + 3 < to; j += 4) {
            int r0 = j * inputs;
            int r1 = r0 + inputs;
            int r2 = r1 + inputs;
            int r3 = r2 + inputs;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int i = 0; i < inputs; i++) {
                float xi = x[i];
                s0 += w[r0 + i] * xi;
                s1 += w[r1 + i] * xi;
                s2 += w[r2 + i] * xi;
                s3 += w[r3 + i] * xi;
            }
            z[j] = s0;
            z[j + 1] = s1;
            z[j + 2] = s2;
            z[j + 3] = s3;
        }
        for (; j < to; j++) {
            int r = j * inputs;
            float s = 0;
            for (int i = 0; i < inputs; i++) {
                s += w[r + i] * x[i];
            }
            z[j] = s;
        }
    }

    /** {@code out = W' d}: a sum of the rows of W scaled by d, each an axpy the JIT vectorises. */
    static void transposeTimesVector(float[] w, int units, int inputs, float[] d, float[] out) {
        java.util.Arrays.fill(out, 0, inputs, 0f);
        for (int j = 0; j < units; j++) {
            float dj = d[j];
            int r = j * inputs;
            for (int i = 0; i < inputs; i++) {
                out[i] += dj * w[r + i];
            }
        }
    }
}
