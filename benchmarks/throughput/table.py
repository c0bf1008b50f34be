"""Medians and ratios of benchmarks/throughput/run's measurements as a Markdown table."""
import statistics
import sys
from collections import defaultdict
from pathlib import Path

out = Path(sys.argv[1])
rows = defaultdict(lambda: defaultdict(list))
tools = []
for line in (out / "throughput").read_text().split("\n"):
    if line.strip():
        p, b, tool, value = line.split()
        rows[(p, int(b))][tool].append(float(value))
        if tool not in tools:
            tools.append(tool)
ours = [t for t in tools if t != "torch"]
gemm = [float(v) for v in (out / "gemm").read_text().split()]
med_gemm = statistics.median(gemm)
print()
print((out / "machine").read_text().strip())
print()
# Each ratio is the median of the per-round ratios (both measured side by side in that round).
print("| precision | batch | " + " | ".join(f"workbench {t} (examples/s)" for t in ours)
      + " | PyTorch best of 1, 2 threads | " + " | ".join(f"ratio {t}" for t in ours)
      + f" | {ours[0]} GFLOP/s |")
print("|---|---|" + "---|" * (2 * len(ours) + 2))
# 784-300-10: forward 2*(784*300 + 300*10) flops per example, backward twice that
flops_per_example = 3 * 2 * (784 * 300 + 300 * 10)
for (p, b) in sorted(rows, key=lambda k: (k[0], k[1])):
    r = rows[(p, b)]
    med = {t: statistics.median(r[t]) for t in tools}
    ratio = {t: statistics.median([o / q for o, q in zip(r[t], r["torch"])]) for t in ours}
    print(f"| {p} | {b} | " + " | ".join(f"{med[t]:,.0f}" for t in ours) + f" | {med['torch']:,.0f} | "
          + " | ".join(f"{ratio[t]:.2f}x" for t in ours) + f" | {med[ours[0]] * flops_per_example / 1e9:.1f} |")
print()
print(f"numpy float32 GEMM n=1024: {med_gemm:.0f} GFLOP/s (median of {len(gemm)} rounds)", end="")
big = rows.get(("float32", 1024))
if big:
    print(f"; the {ours[0]} provider's float32 batch 1024 does "
          f"{100 * statistics.median(big[ours[0]]) * flops_per_example / 1e9 / med_gemm:.0f}% of it", end="")
print()
recipe = out / "recipe"
if recipe.exists() and recipe.read_text().strip():
    mine, torch = [], []
    for line in recipe.read_text().split("\n"):
        if line.strip():
            v = line.split()
            mine.append((float(v[0]), v[1], v[2]))
            torch.append((float(v[3]), v[4], v[5]))
    mo = statistics.median([o[0] for o in mine])
    mt = statistics.median([t[0] for t in torch])
    print()
    print(f"| Fashion-MNIST to 88% test accuracy, paper's recipe (batch 32, lr 0.03, scaled tanh, softmax CE) | workbench float32 ({ours[0]}) | PyTorch float32 | ratio |")
    print("|---|---|---|---|")
    print(f"| wall time (epochs, final accuracy) | {mo:.1f} s ({mine[0][1]}, {float(mine[0][2]):.3f}) "
          f"| {mt:.1f} s ({torch[0][1]}, {float(torch[0][2]):.3f}) | {mo / mt:.2f}x |")
