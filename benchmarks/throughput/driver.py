"""Drives benchmarks/throughput/run: one workbench process per compute provider (openblas, the
distribution's default, and jblas: they cannot share a process) and one PyTorch process, each
loading Fashion-MNIST once, asked in turn (A B C A B C) for the same measurement; numpy's GEMM
once per round; then the recipe rows (the default provider against PyTorch); writes the
measurements for table.py. Arguments: OUT JAVA_COMMAND... (after --); the provider goes in as
-Dprovider=NAME before the class path."""
import os
import subprocess
import sys
import time

out = sys.argv[1]
java = sys.argv[sys.argv.index("--") + 1:]
here = os.path.dirname(os.path.abspath(__file__))
rounds = int(os.environ.get("ROUNDS", "3"))
examples = os.environ.get("EXAMPLES", "10000")
recipe_rounds = int(os.environ.get("RECIPE_ROUNDS", "1"))
batches = os.environ.get("BATCHES", "1 32 128 1024").split()
precisions = os.environ.get("PRECISIONS", "float32 float64").split()
providers = os.environ.get("PROVIDERS", "openblas jblas").split()


def with_provider(cmd, provider):
    return cmd[:1] + [f"-Dprovider={provider}"] + cmd[1:]


def server(cmd):
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    line = p.stdout.readline().strip()
    if line != "ready":
        sys.exit(f"{cmd[0]} did not start: {line!r}")
    return p


def ask(p, line):
    p.stdin.write(line + "\n")
    p.stdin.flush()
    return float(p.stdout.readline())


ours = {prov: server(with_provider(java, prov) + ["serve", examples]) for prov in providers}
torch = server(["/usr/bin/python3", f"{here}/torch_side.py", "serve", examples])
with open(f"{out}/throughput", "a") as f:
    for r in range(1, rounds + 1):
        for p in precisions:
            for b in batches:
                got = {prov: ask(ours[prov], f"{p} {b}") for prov in providers}
                got["torch"] = max(ask(torch, f"{p} {b} {threads}") for threads in (1, 2))
                print(f"round {r} {p} batch {b}: " + ", ".join(f"{k} {v:.0f}" for k, v in got.items())
                      + " ex/s (torch: best of 1, 2 threads)", flush=True)
                for k, v in got.items():
                    f.write(f"{p} {b} {k} {v}\n")
                f.flush()
        g = subprocess.run(["python3", "-c", """
import time, numpy as np
a = np.random.rand(1024, 1024).astype(np.float32); b = np.random.rand(1024, 1024).astype(np.float32)
a @ b
ts = []
for _ in range(20):
    t = time.perf_counter(); a @ b; ts.append(time.perf_counter() - t)
print(2 * 1024**3 / sorted(ts)[len(ts) // 2] / 1e9)"""], capture_output=True, text=True, check=True).stdout.strip()
        print(f"round {r} numpy float32 GEMM n=1024: {float(g):.0f} GFLOP/s", flush=True)
        with open(f"{out}/gemm", "a") as gf:
            gf.write(g + "\n")
for p in list(ours.values()) + [torch]:
    p.stdin.write("\n")
    p.stdin.close()
    p.wait()
for r in range(1, recipe_rounds + 1):
    a = subprocess.run(with_provider(java, providers[0]) + ["to88", "float32"], capture_output=True, text=True,
                       check=True).stdout.split()
    best = None
    for threads in (1, 2):
        t = subprocess.run(["/usr/bin/python3", f"{here}/torch_side.py", "to88", "float32", str(threads)],
                           capture_output=True, text=True, check=True).stdout.split()
        if best is None or float(t[0]) < float(best[0]):
            best = t
    print(f"recipe round {r}: workbench {a}, torch {best} (seconds epochs accuracy)", flush=True)
    with open(f"{out}/recipe", "a") as f:
        f.write(" ".join(a + best) + "\n")
