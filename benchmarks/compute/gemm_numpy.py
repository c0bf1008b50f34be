"""numpy's n x n x n matrix product, float32 and float64, for gemm-speed.sh.

Prints "numpy sgemm GFLOPS" and "numpy dgemm GFLOPS" (median of the timed calls after a warm-up,
into a preallocated output) and which OpenBLAS kernel numpy's library chose.
Usage: python3 gemm_numpy.py N CALLS
"""
import ctypes
import glob
import os
import sys
import time

import numpy as np


def corename():
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*.so"))
    for lib in libs:
        try:
            f = ctypes.CDLL(lib).scipy_openblas_get_corename64_
            f.restype = ctypes.c_char_p
            return f().decode()
        except (OSError, AttributeError):
            pass
    return "unknown"


def speed(dtype, n, calls):
    rng = np.random.default_rng(1)
    a = (rng.random((n, n)) - 0.5).astype(dtype)
    b = (rng.random((n, n)) - 0.5).astype(dtype)
    c = np.empty((n, n), dtype)
    times = []
    for _ in range(2):                 # the first pass warms up
        times = []
        for _ in range(calls):
            t0 = time.perf_counter()
            np.matmul(a, b, out=c)
            times.append(time.perf_counter() - t0)
    return 2.0 * n ** 3 / float(np.median(times)) / 1e9


def main():
    n, calls = int(sys.argv[1]), int(sys.argv[2])
    print(f"# numpy {np.__version__}: OpenBLAS kernel {corename()}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    print(f"numpy sgemm {speed(np.float32, n, calls):.2f}")
    print(f"numpy dgemm {speed(np.float64, n, calls):.2f}")


if __name__ == "__main__":
    main()
