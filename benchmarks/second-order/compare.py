#!/usr/bin/env python3
"""Side by side: L-BFGS, CG, BFGS and Levenberg-Marquardt in the EBP workbench and in scipy.optimize.

Same network, data and initial weights on both sides:
  data     Fisher's iris (the workbench's bundled iris.csv), standardized on the whole set (eq 13),
           one-of-3 targets +-1 (the workbench's pm1 coding)
  network  4-8-3, tanh hidden units, linear outputs, half squared error averaged over the 150 examples
  weights  the workbench's fan-in initializer, uniform, seed 1: U[-sqrt(3/m), sqrt(3/m)) with m = fan-in + 1,
           biases 0, drawn from java.util.SplittableRandom(1) -- reproduced here (SplitMix64), and
           checked: the initial losses of both sides must agree.
One iteration = one optimizer step = one workbench epoch (full batch). Evaluations count loss (and
gradient) evaluations; for LM a Jacobian counts as one in the workbench (scipy reports nfev and njev).

Usage: benchmarks/second-order/compare.py [--workbench PATH] [--iterations 100]
"""
import argparse
import math
import os
import re
import subprocess
import sys
import time

import numpy as np
from scipy import optimize

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
IRIS = os.path.join(REPO, "bundles/data/src/main/resources/org/ebp/data/sets/iris.csv")
WIDTHS = (4, 8, 3)
CHECKPOINTS = (10, 50, 100)
MASK = (1 << 64) - 1


class SplittableRandom:
    """java.util.SplittableRandom (SplitMix64) as far as nextDouble(origin, bound) needs it."""

    def __init__(self, seed):
        self.seed = seed & MASK
        self.gamma = 0x9E3779B97F4A7C15

    def next_long(self):
        self.seed = (self.seed + self.gamma) & MASK
        z = self.seed
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_double(self, origin, bound):
        r = (self.next_long() >> 11) * 2.0 ** -53
        r = r * (bound - origin) + origin
        return r if r < bound else math.nextafter(bound, -math.inf)


def load_iris():
    rows = open(IRIS).read().split("\n")[1:]
    x, labels = [], []
    for line in rows:
        if line.strip():
            *features, label = line.split(",")
            x.append([float(v) for v in features])
            labels.append(int(label))
    x = np.array(x, dtype=np.float32).astype(np.float64)
    mean = x.mean(axis=0)
    var = ((x - mean) ** 2).mean(axis=0)
    x = ((x - mean) * np.sqrt(1.0 / var)).astype(np.float32).astype(np.float64)  # datasets hold float32
    t = -np.ones((len(labels), 3))
    t[np.arange(len(labels)), labels] = 1.0
    return x, t


def initial_weights(seed=1):
    random = SplittableRandom(seed)
    w = []
    for inputs, units in zip(WIDTHS[:-1], WIDTHS[1:]):
        half = math.sqrt(3.0) / math.sqrt(inputs + 1)
        w += [random.next_double(-half, half) for _ in range(units * inputs)]
        w += [0.0] * units
    return np.array(w)


def unpack(w):
    (n0, n1, n2) = WIDTHS
    i = 0
    w1 = w[i:i + n1 * n0].reshape(n1, n0); i += n1 * n0
    b1 = w[i:i + n1]; i += n1
    w2 = w[i:i + n2 * n1].reshape(n2, n1); i += n2 * n1
    b2 = w[i:i + n2]
    return w1, b1, w2, b2


def make_problem(x, t):
    p = len(x)

    def forward(w):
        w1, b1, w2, b2 = unpack(w)
        h = np.tanh(x @ w1.T + b1)
        return h, h @ w2.T + b2

    def loss_and_gradient(w):
        w1, b1, w2, b2 = unpack(w)
        h, o = forward(w)
        r = o - t
        e = 0.5 * (r ** 2).sum() / p
        d2 = r / p
        d1 = (d2 @ w2) * (1 - h ** 2)
        g = np.concatenate([(d1.T @ x).ravel(), d1.sum(0), (d2.T @ h).ravel(), d2.sum(0)])
        return e, g

    def residuals(w):
        return ((forward(w)[1] - t) / math.sqrt(p)).ravel()

    def jacobian(w):
        w1, b1, w2, b2 = unpack(w)
        h, _ = forward(w)
        n0, n1, n2 = WIDTHS
        j = np.zeros((p, n2, len(w)))
        s = 1 / math.sqrt(p)
        for k in range(n2):
            dh = (w2[k] * (1 - h ** 2)) * s  # p x n1
            j[:, k, 0:n1 * n0] = (dh[:, :, None] * x[:, None, :]).reshape(p, -1)
            j[:, k, n1 * n0:n1 * n0 + n1] = dh
            off = n1 * n0 + n1
            j[:, k, off + k * n1: off + (k + 1) * n1] = h * s
            j[:, k, off + n2 * n1 + k] = s
        return j.reshape(p * n2, len(w))

    return loss_and_gradient, residuals, jacobian


def scipy_runs(x, t, w0, iterations):
    f, residuals, jacobian = make_problem(x, t)
    rows = {}
    for method, name in (("L-BFGS-B", "lbfgs"), ("CG", "cg"), ("BFGS", "bfgs")):
        losses = []
        counter = {"n": 0}

        def fun(w):
            counter["n"] += 1
            return f(w)

        started = time.perf_counter()
        result = optimize.minimize(fun, w0.copy(), jac=True, method=method,
                                   callback=lambda w: losses.append(f(w)[0]),
                                   options={"maxiter": iterations, "gtol": 1e-12}
                                   | ({"maxcor": 10, "ftol": 0, "maxfun": 100000} if method == "L-BFGS-B" else {}))
        seconds = time.perf_counter() - started
        rows[name] = (losses, result.nfev, seconds, result.nit)
    # MINPACK's lmder has no per-iteration callback: run it to each budget of Jacobian evaluations
    lm = []
    started = time.perf_counter()
    total_f = total_j = 0
    for k in CHECKPOINTS:
        r = optimize.least_squares(residuals, w0.copy(), jac=jacobian, method="lm", max_nfev=k * 2,
                                   xtol=1e-15, ftol=1e-15, gtol=1e-15)
        lm.append((k * 2, r.nfev, r.njev, 0.5 * (r.fun ** 2).sum()))
        total_f, total_j = r.nfev, r.njev
    seconds = time.perf_counter() - started
    rows["levenberg-marquardt"] = (lm, total_f, seconds, total_j)
    return rows, f(w0)[0]


def workbench_runs(workbench, iterations):
    rows = {}
    initial = None
    for name in ("lbfgs", "cg", "bfgs", "levenberg-marquardt"):
        script = ("data load iris; transform standardize; "
                  "net 4-8-3 activation=tanh output=linear init=fan-in distribution=uniform seed=1; "
                  f"use optimizer {name} trace=true; train {iterations} eval=none")
        out = subprocess.run([workbench, "-c", script], capture_output=True, text=True, timeout=900).stdout
        losses = [float(v) for v in re.findall(r"loss (\S+) after \d+ evaluations", out)]
        evaluations = [int(v) for v in re.findall(r"after (\d+) evaluations", out)]
        first = re.search(r"epoch +1 +step +1 +train loss (\S+)", out)
        trained = re.search(r"trained \d+ epochs? in (\S+) s", out)
        if first:
            initial = float(first.group(1))
        rows[name] = (losses, evaluations[-1] if evaluations else 0, float(trained.group(1)) if trained else float("nan"),
                      len(losses))
        if not losses:
            sys.stderr.write(out)
    return rows, initial


def at(losses, k):
    return f"{losses[k - 1]:.6g}" if len(losses) >= k else (f"{losses[-1]:.6g}*" if losses else "-")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workbench", default=os.path.join(REPO, "runtime/target/ebp-workbench/bin/workbench"))
    parser.add_argument("--iterations", type=int, default=100)
    args = parser.parse_args()
    x, t = load_iris()
    w0 = initial_weights()
    mine, initial = workbench_runs(args.workbench, args.iterations)
    theirs, initial_scipy = scipy_runs(x, t, w0, args.iterations)
    print(f"iris 4-8-3 tanh/linear mse, {len(w0)} parameters, 150 examples; initial loss: workbench "
          f"{initial:.9g}, scipy {initial_scipy:.9g}")
    print(f"{'method':22s} {'tool':9s} {'loss@10':>11s} {'loss@50':>11s} {'loss@100':>11s} {'evals':>7s} {'iters':>6s} {'seconds':>8s}")
    for name in ("lbfgs", "cg", "bfgs"):
        losses, evals, seconds, iters = mine[name]
        print(f"{name:22s} {'workbench':9s} {at(losses, 10):>11s} {at(losses, 50):>11s} {at(losses, 100):>11s} "
              f"{evals:>7d} {iters:>6d} {seconds:>8.3f}")
        losses, evals, seconds, iters = theirs[name]
        print(f"{'':22s} {'scipy':9s} {at(losses, 10):>11s} {at(losses, 50):>11s} {at(losses, 100):>11s} "
              f"{evals:>7d} {iters:>6d} {seconds:>8.3f}")
    losses, evals, seconds, iters = mine["levenberg-marquardt"]
    print(f"{'levenberg-marquardt':22s} {'workbench':9s} {at(losses, 10):>11s} {at(losses, 50):>11s} {at(losses, 100):>11s} "
          f"{evals:>7d} {iters:>6d} {seconds:>8.3f}   (evals: losses + Jacobians)")
    lm, nfev, seconds, njev = theirs["levenberg-marquardt"]
    cells = [f"{loss:.6g}" for (_, _, _, loss) in lm]
    print(f"{'':22s} {'scipy':9s} {cells[0]:>11s} {cells[1]:>11s} {cells[2]:>11s} {nfev:>7d} {njev:>6d} {seconds:>8.3f}"
          f"   (MINPACK lm with max_nfev = 2k; iters = njev)")
    print("* the run stopped before that iteration (converged, or no progress); the last loss is shown")


if __name__ == "__main__":
    main()
