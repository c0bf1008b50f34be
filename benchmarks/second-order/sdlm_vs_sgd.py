#!/usr/bin/env python3
"""SDLM (eqs 61-62) against tuned online SGD on digits: epochs until the training loss (mean over the
epoch's presentations, as the workbench reports it) falls below a threshold.

Network 64-30-10 scaled-tanh, pm1 targets, mse, fan-in init seed 1, standardized inputs, online
(batch=1), shuffled. SGD is tuned over a grid of learning rates; SDLM over a grid of epsilon
(mu = 0.02, curvature re-estimated on 500 patterns every epoch). Constant rates on both sides.

Usage: benchmarks/second-order/sdlm_vs_sgd.py [--threshold 0.2] [--epochs 30]
"""
import argparse
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def run(workbench, optimizer, settings, epochs):
    script = ("data load digits; data split train=0.8 test=0.2 seed=42; transform standardize; "
              "net 64-30-10 activation=scaled-tanh coding=pm1 init=fan-in seed=1; "
              f"use optimizer {optimizer} {settings}; train {epochs} batch=1 eval=test")
    out = subprocess.run([workbench, "-c", script], capture_output=True, text=True, timeout=1800).stdout
    rows = re.findall(r"epoch +(\d+) .*?train loss (\S+) +test loss (\S+) +test acc (\S+)%", out)
    return [(int(e), float(l), float(tl), float(a)) for e, l, tl, a in rows]


def first_below(rows, threshold):
    for epoch, loss, _, _ in rows:
        if loss < threshold:
            return epoch
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workbench", default=os.path.join(REPO, "runtime/target/ebp-workbench/bin/workbench"))
    parser.add_argument("--threshold", type=float, default=0.2)
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()
    print(f"digits 64-30-10 online; epochs until the training loss < {args.threshold} (max {args.epochs})")
    print(f"{'optimizer':28s} {'epochs':>7s} {'final train loss':>17s} {'test acc':>9s}")
    best = {}
    for optimizer, grid in (("sgd", ["lr=0.003", "lr=0.005", "lr=0.01", "lr=0.02", "lr=0.03"]),
                            ("sdlm", ["lr=0.001", "lr=0.003", "lr=0.01"])):
        for settings in grid:
            rows = run(args.workbench, optimizer, settings, args.epochs)
            epochs = first_below(rows, args.threshold)
            final = rows[-1] if rows else (0, float("nan"), float("nan"), float("nan"))
            print(f"{optimizer + ' ' + settings:28s} {str(epochs) if epochs else '>' + str(args.epochs):>7s} "
                  f"{final[1]:>17.4f} {final[3]:>8.2f}%", flush=True)
            if epochs and (optimizer not in best or epochs < best[optimizer][0]):
                best[optimizer] = (epochs, settings)
    for optimizer, (epochs, settings) in best.items():
        print(f"best {optimizer}: {epochs} epochs ({settings})")


if __name__ == "__main__":
    main()
