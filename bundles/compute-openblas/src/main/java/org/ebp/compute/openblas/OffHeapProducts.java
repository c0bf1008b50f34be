package org.ebp.compute.openblas;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * gemm through OpenBLAS's CBLAS on the calling thread's {@link OffHeapWorkspace}: each operand's
 * block, from its first element to its last ({@code (rows - 1) * ld + cols} elements), is copied
 * into a native buffer, the product runs there with the caller's leading dimensions (CBLAS
 * row-major, so no transposing), and only C's rows come back. So a product on one layer's block
 * of a large parameter vector copies that block, never the whole array (jblas's JNI layer copies
 * every array whole, in and out, on each call). C is copied in only when beta != 0.
 *
 * <p>Arguments are checked by the caller; alpha != 0 and m, n, k > 0.
 */
final class OffHeapProducts implements NativeProducts {

    private static final ThreadLocal<OffHeapWorkspace> WORKSPACE = ThreadLocal.withInitial(OffHeapWorkspace::new);

    private final BlasThreads threads;

    OffHeapProducts(BlasThreads threads) {
        this.threads = threads;
    }

    /** Elements from a block's first to its last: rows x cols with row stride ld. */
    static long span(int rows, int cols, int ld) {
        return (long) (rows - 1) * ld + cols;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc) {
        long aSpan = span(transA ? k : m, transA ? m : k, lda);
        long bSpan = span(transB ? n : k, transB ? k : n, ldb);
        long cSpan = span(m, n, ldc);
        OffHeapWorkspace w = WORKSPACE.get();
        FloatPointer pa = w.floats(0, aSpan).put(a, aOff, (int) aSpan);
        // A product of a matrix with itself (X'X) copies it once.
        FloatPointer pb = b == a && bOff == aOff && bSpan == aSpan ? pa : w.floats(1, bSpan).put(b, bOff, (int) bSpan);
        FloatPointer pc = w.floats(2, cSpan);
        if (beta != 0) {
            pc.put(c, cOff, (int) cSpan);
        }
        long stamp = threads.enter();
        try {
            openblas.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        } finally {
            threads.exit(stamp);
        }
        if (ldc == n) {
            pc.get(c, cOff, (int) cSpan);
        } else {
            // Row by row: the gaps between C's rows belong to the caller and are not written.
            for (int i = 0; i < m; i++) {
                pc.position((long) i * ldc).get(c, cOff + i * ldc, n);
            }
            pc.position(0);
        }
        w.trim();
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
               double beta, double[] c, int cOff, int ldc) {
        long aSpan = span(transA ? k : m, transA ? m : k, lda);
        long bSpan = span(transB ? n : k, transB ? k : n, ldb);
        long cSpan = span(m, n, ldc);
        OffHeapWorkspace w = WORKSPACE.get();
        DoublePointer pa = w.doubles(0, aSpan).put(a, aOff, (int) aSpan);
        DoublePointer pb = b == a && bOff == aOff && bSpan == aSpan ? pa : w.doubles(1, bSpan).put(b, bOff, (int) bSpan);
        DoublePointer pc = w.doubles(2, cSpan);
        if (beta != 0) {
            pc.put(c, cOff, (int) cSpan);
        }
        long stamp = threads.enter();
        try {
            openblas.cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        } finally {
            threads.exit(stamp);
        }
        if (ldc == n) {
            pc.get(c, cOff, (int) cSpan);
        } else {
            for (int i = 0; i < m; i++) {
                pc.position((long) i * ldc).get(c, cOff + i * ldc, n);
            }
            pc.position(0);
        }
        w.trim();
    }
}
