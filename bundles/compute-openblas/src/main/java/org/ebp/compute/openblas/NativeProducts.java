package org.ebp.compute.openblas;

/**
 * A way to run gemm on OpenBLAS: {@link PinnedProducts} on the Java arrays themselves, or
 * {@link OffHeapProducts} on copies of the blocks. Arguments are checked by the caller;
 * alpha != 0 and m, n, k > 0.
 */
interface NativeProducts {

    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
               double beta, double[] c, int cOff, int ldc);
}
