package org.ebp.engine.testing;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;
import org.ebp.compute.jblas.PureJavaCompute;

/**
 * Test double under a chosen name: the products come from the pure-Java reference provider, the
 * decompositions and solves are refused (the engine tests must not depend on them).
 */
public final class NaiveCompute implements ComputeService {

    private final String name;
    private final PureJavaCompute products = new PureJavaCompute();

    public NaiveCompute() {
        this("naive");
    }

    public NaiveCompute(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "pure-Java reference products (test double)";
    }

    @Override
    public String library() {
        return "plain Java loops";
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        products.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        products.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                      double beta, double[] y, int yOff) {
        products.dgemv(transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public SymmetricEigen symmetricEigen(double[] a, int n) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public double[] symmetricEigenvalues(double[] a, int n) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public SingularValues svd(double[] a, int m, int n) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public double[] solve(double[] a, int n, double[] b, int nrhs) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }
}
