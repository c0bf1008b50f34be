#!/usr/bin/env python3
"""Reference values for DigitsReferenceTest, computed independently of the workbench with numpy.

Run from the repository root:
    python3 bundles/transforms/src/test/resources/org/ebp/transforms/digits_reference.py
It reads the bundled digits set (1797 x 64, last column the label) and prints, in Java syntax:
  - the eigenvalues of the 1/P covariance (eq 13 of the centred inputs), descending, that lie above
    1e-10 of the largest (the pca default tolerance);
  - the largest eigenvalue of the uncentred second-moment matrix (1/P) sum x x' (the LMS Hessian);
  - the condition number of the covariance over its non-zero eigenvalues.
"""
import gzip
import numpy as np

with gzip.open("bundles/data/src/main/resources/org/ebp/data/sets/digits.csv.gz", "rt") as f:
    data = np.loadtxt(f, delimiter=",")
x = data[:, :64]
p = x.shape[0]
centred = x - x.mean(axis=0)
cov = centred.T @ centred / p
values = np.linalg.eigh(cov)[0][::-1]
kept = values[values > 1e-10 * values[0]]
second = x.T @ x / p
print("numpy", np.__version__, "rows", p)
print("EIGENVALUES = {" + ", ".join(repr(float(v)) for v in kept) + "};")
print("HESSIAN_LARGEST = " + repr(float(np.linalg.eigvalsh(second)[-1])) + ";")
print("CONDITION = " + repr(float(kept[0] / kept[-1])) + ";")
