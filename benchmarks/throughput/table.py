"""Medians and ratios of benchmarks/throughput/run's measurements as a Markdown table."""
import statistics
import sys
from collections import defaultdict
from pathlib import Path

out = Path(sys.argv[1])
rows = defaultdict(lambda: ([], []))
for line in (out / "throughput").read_text().split("\n"):
    if line.strip():
        p, b, ours, torch = line.split()
        rows[(p, int(b))][0].append(float(ours))
        rows[(p, int(b))][1].append(float(torch))
gemm = [float(v) for v in (out / "gemm").read_text().split()]
med_gemm = statistics.median(gemm)
print()
print((out / "machine").read_text().strip())
print()
print("| precision | batch | workbench (examples/s) | PyTorch best of 1, 2 threads | ratio | workbench GFLOP/s |")
print("|---|---|---|---|---|---|")
# 784-300-10: forward 2*(784*300 + 300*10) flops per example, backward twice that
flops_per_example = 3 * 2 * (784 * 300 + 300 * 10)
for (p, b) in sorted(rows, key=lambda k: (k[0], k[1])):
    ours, torch = rows[(p, b)]
    mo, mt = statistics.median(ours), statistics.median(torch)
    print(f"| {p} | {b} | {mo:,.0f} | {mt:,.0f} | {mo / mt:.2f}x | {mo * flops_per_example / 1e9:.1f} |")
print()
print(f"numpy float32 GEMM n=1024: {med_gemm:.0f} GFLOP/s (median of {len(gemm)} rounds)")
recipe = out / "recipe"
if recipe.exists() and recipe.read_text().strip():
    ours, torch = [], []
    for line in recipe.read_text().split("\n"):
        if line.strip():
            v = line.split()
            ours.append((float(v[0]), v[1], v[2]))
            torch.append((float(v[3]), v[4], v[5]))
    mo = statistics.median([o[0] for o in ours])
    mt = statistics.median([t[0] for t in torch])
    print()
    print("| Fashion-MNIST to 88% test accuracy, paper's recipe (batch 32, lr 0.03, scaled tanh, softmax CE) | workbench float32 | PyTorch float32 | ratio |")
    print("|---|---|---|---|")
    print(f"| wall time (epochs, final accuracy) | {mo:.1f} s ({ours[0][1]}, {float(ours[0][2]):.3f}) "
          f"| {mt:.1f} s ({torch[0][1]}, {float(torch[0][2]):.3f}) | {mo / mt:.2f}x |")
