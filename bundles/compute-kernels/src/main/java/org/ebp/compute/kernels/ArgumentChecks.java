package org.ebp.compute.kernels;

/**
 * Checks of dimensions, strides, offsets and values shared by both providers. A native BLAS reads
 * and writes wherever the arguments point, so every region is checked against its array before
 * any kernel runs: a wrong leading dimension must become an {@link IllegalArgumentException}, not
 * a corrupted heap. The checks cost O(1) per gemm/gemv call; only the decompositions, which copy
 * their input anyway, scan values for NaN and infinity.
 */
public final class ArgumentChecks {

    private ArgumentChecks() {
    }

    /**
     * Checks a row-major matrix region: {@code rows x cols} at {@code off} with row stride
     * {@code ld} must lie inside an array of {@code length} elements.
     *
     * @param op     the operation, for the message (e.g. "dgemm")
     * @param name   the operand, for the message (e.g. "A")
     * @param detail how rows and cols were derived (e.g. "op(A) is m x k, transA=false")
     */
    public static void checkMatrix(String op, String name, String detail, int rows, int cols,
                            Object array, int length, int off, int ld) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(op + ": leading dimension ld" + name.toLowerCase()
                    + "=" + ld + " is smaller than the " + cols + " columns of " + name + " (" + detail
                    + "); row-major storage needs ld" + name.toLowerCase() + " >= number of columns");
        }
        if (off < 0) {
            throw new IllegalArgumentException(op + ": offset of " + name + " is " + off + "; give an offset >= 0");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        if (array == null) {
            throw new IllegalArgumentException(op + ": array " + name + " is null but " + name + " is "
                    + rows + " x " + cols + " (" + detail + ")");
        }
        long needed = off + (long) (rows - 1) * ld + cols;
        if (needed > length) {
            throw new IllegalArgumentException(op + ": " + name + " is " + rows + " x " + cols + " (" + detail
                    + ") with ld=" + ld + " at offset " + off + ", which needs " + needed
                    + " elements, but the array has " + length
                    + "; check the dimensions, leading dimension and offset, or pass a larger array");
        }
    }

    /** The conditions of {@link #checkMatrix}, without a message. */
    private static boolean matrixFits(int rows, int cols, Object array, int length, int off, int ld) {
        if (ld < Math.max(1, cols) || off < 0) {
            return false;
        }
        return rows == 0 || cols == 0 || (array != null && off + (long) (rows - 1) * ld + cols <= length);
    }

    /** Checks a contiguous vector of {@code len} elements at {@code off}. */
    public static void checkVector(String op, String name, int len, Object array, int length, int off) {
        if (off < 0) {
            throw new IllegalArgumentException(op + ": offset of " + name + " is " + off + "; give an offset >= 0");
        }
        if (len == 0) {
            return;
        }
        if (array == null) {
            throw new IllegalArgumentException(op + ": vector " + name + " is null but needs " + len + " elements");
        }
        if ((long) off + len > length) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + len + " elements from offset " + off
                    + " but the array has " + length + "; pass a longer array or fix the dimensions");
        }
    }

    public static void checkDims(String op, int m, int n, int k) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": dimensions must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
    }

    /** Validates all operands of {@code C = alpha op(A) op(B) + beta C} in row-major storage. */
    public static void checkGemm(String op, boolean transA, boolean transB, int m, int n, int k,
                          Object a, int aLength, int aOff, int lda,
                          Object b, int bLength, int bOff, int ldb,
                          Object c, int cLength, int cOff, int ldc) {
        // Hot path (every layer, every step): check without building any message first; only a
        // failing call goes on to the checks below, which name the problem.
        if (m >= 0 && n >= 0 && k >= 0
                && matrixFits(transA ? k : m, transA ? m : k, a, aLength, aOff, lda)
                && matrixFits(transB ? n : k, transB ? k : n, b, bLength, bOff, ldb)
                && matrixFits(m, n, c, cLength, cOff, ldc)) {
            return;
        }
        checkDims(op, m, n, k);
        // A is stored k x m when transposed, m x k otherwise; likewise B.
        checkMatrix(op, "A", "op(A) is m x k = " + m + " x " + k + ", transA=" + transA,
                transA ? k : m, transA ? m : k, a, aLength, aOff, lda);
        checkMatrix(op, "B", "op(B) is k x n = " + k + " x " + n + ", transB=" + transB,
                transB ? n : k, transB ? k : n, b, bLength, bOff, ldb);
        checkMatrix(op, "C", "C is m x n = " + m + " x " + n, m, n, c, cLength, cOff, ldc);
    }

    /** Validates all operands of {@code y = alpha op(A) x + beta y}, A stored m x n. */
    public static void checkGemv(String op, boolean transA, int m, int n, Object a, int aLength, int aOff, int lda,
                          Object x, int xLength, int xOff, Object y, int yLength, int yOff) {
        checkDims(op, m, n, 0);
        checkMatrix(op, "A", "A is stored m x n = " + m + " x " + n + ", transA=" + transA,
                m, n, a, aLength, aOff, lda);
        checkVector(op, "x", transA ? m : n, x, xLength, xOff);
        checkVector(op, "y", transA ? n : m, y, yLength, yOff);
    }

    /**
     * Checks that {@code a} holds at least {@code rows * cols} finite values (a longer array is
     * allowed, so that a reused buffer can be passed; only the first rows * cols are read).
     */
    public static void checkDenseFinite(String op, String name, double[] a, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": dimensions of " + name + " must be >= 0, got "
                    + rows + " x " + cols);
        }
        long needed = (long) rows * cols;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(op + ": " + name + " of " + rows + " x " + cols
                    + " does not fit a Java array");
        }
        if (needed > 0 && a == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null but must be " + rows + " x " + cols);
        }
        if (needed > 0 && a.length < needed) {
            throw new IllegalArgumentException(op + ": " + name + " must hold " + rows + " x " + cols + " = "
                    + needed + " values (row-major) but the array has " + a.length);
        }
        for (int i = 0; i < needed; i++) {
            double v = a[i];
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(op + ": " + name + "(" + (i / cols) + ", " + (i % cols)
                        + ") is " + v + "; the matrix must be finite (check the data or a diverged computation)");
            }
        }
    }

    /** Largest absolute value of the first {@code count} entries. */
    public static double maxAbs(double[] a, int count) {
        double max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, Math.abs(a[i]));
        }
        return max;
    }

    /**
     * The symmetric part {@code (A + A') / 2} of a row-major n x n matrix, as a new array. Both
     * providers work on it, so that a matrix symmetric only up to rounding (a Hessian estimate, a
     * covariance summed in another order) gives the same answer whichever triangle a LAPACK
     * routine reads.
     */
    public static double[] symmetricPart(double[] a, int n) {
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            s[i * n + i] = a[i * n + i];
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (a[i * n + j] + a[j * n + i]);
                s[i * n + j] = v;
                s[j * n + i] = v;
            }
        }
        return s;
    }

    /**
     * The pivot magnitude below which LU treats a matrix as singular: {@code n * eps * max|a_ij|}.
     * A pivot that small is rounding noise, so a "solution" built on it would be noise as well.
     */
    public static double singularPivotThreshold(int n, double maxAbs) {
        return n * Math.ulp(1.0) * maxAbs;
    }
}
