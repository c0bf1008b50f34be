package org.ebp.api.compute;

/**
 * Result of a symmetric eigen-decomposition.
 *
 * @param values eigenvalues, ascending
 * @param vectors n x n row-major; column j is the unit eigenvector of {@code values[j]}
 * @param n order of the matrix
 */
public record SymmetricEigen(double[] values, double[] vectors, int n) {
    /** Component i of eigenvector j. */
    public double vector(int i, int j) {
        return vectors[i * n + j];
    }
}
