package org.ebp.compute.kernels;

/**
 * Fixes the sign of eigenvectors and singular vectors, which a decomposition leaves arbitrary:
 * each column is flipped so that its component of largest magnitude (the first one on a tie) is
 * positive. Then both providers, and two runs on the same data, give the same vectors (up to
 * rounding, for distinct eigenvalues), so that for example a PCA transform does not flip axes
 * when the compute provider changes.
 */
public final class VectorSigns {

    private VectorSigns() {
    }

    /**
     * Normalises the columns of the row-major {@code rows x cols} matrix {@code m}; when
     * {@code partner} is not null, the same columns of it (row-major {@code partnerRows x cols})
     * are flipped too (V along with U in an SVD).
     */
    public static void normalise(double[] m, int rows, int cols, double[] partner, int partnerRows) {
        for (int j = 0; j < cols; j++) {
            double largest = 0;
            for (int i = 0; i < rows; i++) {
                double v = m[i * cols + j];
                if (Math.abs(v) > Math.abs(largest)) {
                    largest = v;
                }
            }
            if (largest < 0) {
                for (int i = 0; i < rows; i++) {
                    m[i * cols + j] = -m[i * cols + j];
                }
                if (partner != null) {
                    for (int i = 0; i < partnerRows; i++) {
                        partner[i * cols + j] = -partner[i * cols + j];
                    }
                }
            }
        }
    }
}
