package org.ebp.api.compute;

/**
 * Thin SVD {@code A = U diag(s) V'} of an m x n matrix, r = min(m, n).
 *
 * @param u m x r row-major
 * @param s singular values, descending
 * @param v n x r row-major
 */
public record SingularValues(double[] u, double[] s, double[] v, int m, int n) {
}
