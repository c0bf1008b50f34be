package org.ebp.engine.training;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;
import org.ebp.engine.testing.NaiveCompute;

/**
 * Test double of a provider with a pool of its own (as OpenBLAS): {@link #threads()} reports the
 * limit last set (2 at first); the products (from {@link NaiveCompute}) count the calls made
 * while the limit was above one, and note which threads called.
 */
final class PooledCompute implements ComputeService {

    private final NaiveCompute products = new NaiveCompute("pooled");
    private volatile int threads = 2;
    final AtomicInteger callsWithPool = new AtomicInteger();
    final Set<String> callers = ConcurrentHashMap.newKeySet();
    /** Calls of {@link #setThreads} (each costs OpenBLAS a millisecond or two). */
    final AtomicInteger sets = new AtomicInteger();
    /** Off for the allocation test (noting the caller allocates). */
    volatile boolean record = true;

    @Override
    public String name() {
        return "pooled";
    }

    @Override
    public String description() {
        return "test double with a thread setting";
    }

    @Override
    public String library() {
        return "plain Java loops, " + threads + " threads";
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public int setThreads(int count) {
        sets.incrementAndGet();
        int previous = threads;
        threads = count;
        return previous;
    }

    private void note() {
        if (record) {
            if (threads > 1) {
                callsWithPool.incrementAndGet();
            }
            callers.add(Thread.currentThread().getName());
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        note();
        products.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        note();
        products.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
            double beta, double[] y, int yOff) {
        products.dgemv(transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public SymmetricEigen symmetricEigen(double[] a, int n) {
        return products.symmetricEigen(a, n);
    }

    @Override
    public double[] symmetricEigenvalues(double[] a, int n) {
        return products.symmetricEigenvalues(a, n);
    }

    @Override
    public SingularValues svd(double[] a, int m, int n) {
        return products.svd(a, m, n);
    }

    @Override
    public double[] solve(double[] a, int n, double[] b, int nrhs) {
        return products.solve(a, n, b, nrhs);
    }

    @Override
    public double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
        return products.solveSymmetricPositive(a, n, b, nrhs);
    }
}
