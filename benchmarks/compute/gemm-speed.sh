#!/usr/bin/env bash
# Matrix-product speed, n x n x n in float and double, of numpy (the python3 on PATH, OpenBLAS
# 0.3.31) and of each ComputeService provider (openblas on pinned arrays and on copied blocks,
# jblas on the system library, java),
# run alternating, tool after tool, in several rounds, each tool in its own process; prints a
# Markdown table of the medians over the rounds and their ratio to numpy.
#
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which this machine may set for older OpenBLAS builds,
# are unset for numpy and for our OpenBLAS alike (the same rule for both); jblas's Debian
# OpenBLAS 0.3.21 keeps the environment as it is.
#
# Usage: benchmarks/compute/gemm-speed.sh [n [rounds [calls]]]   (default 1024 5 10; run after a build)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd -P)
here=$repo/benchmarks/compute
n=${1:-1024}
rounds=${2:-5}
calls=${3:-10}
jar() { ls "$repo/bundles/$1/target/$2"-*.jar 2>/dev/null | grep -v -- '-\(tests\|sources\|javadoc\).jar' | head -1; }
openblas=$(jar compute-openblas org.ebp.compute.openblas)
jblas=$(jar compute-jblas org.ebp.compute.jblas)
api=$(jar api org.ebp.api)
if [ -z "$openblas" ] || [ -z "$jblas" ] || [ -z "$api" ]; then
    (cd "$repo" && mvn -q -o package -DskipTests -pl bundles/compute-openblas,bundles/compute-jblas -am)
    openblas=$(jar compute-openblas org.ebp.compute.openblas)
    jblas=$(jar compute-jblas org.ebp.compute.jblas)
    api=$(jar api org.ebp.api)
fi
# The bundles carry their libraries (JavaCPP extracts OpenBLAS from the jar into this cache).
cache=${TMPDIR:-/tmp}/ebp-gemm-speed-javacpp
out=$(mktemp)
trap 'rm -f "$out"' EXIT
unset_blas_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; n = $n, $rounds rounds of $calls calls" >&2
for round in $(seq "$rounds"); do
    echo "round $round/$rounds" >&2
    "${unset_blas_env[@]}" python3 "$here/gemm_numpy.py" "$n" "$calls" >>"$out"
    "${unset_blas_env[@]}" java -Dorg.bytedeco.javacpp.cachedir="$cache" -cp "$openblas:$api" \
        "$here/GemmBench.java" openblas "$n" "$calls" >>"$out"
    "${unset_blas_env[@]}" java -Dorg.bytedeco.javacpp.cachedir="$cache" -cp "$openblas:$api" \
        "$here/GemmBench.java" openblas-copying "$n" "$calls" >>"$out"
    java -Djava.library.path=/usr/lib/jni:/usr/lib/x86_64-linux-gnu/jni -cp "$jblas:$api" \
        "$here/GemmBench.java" jblas "$n" "$calls" >>"$out"
    if [ "$round" -le 1 ]; then        # the pure-Java kernels take long; one round is plenty
        java -cp "$jblas:$api" "$here/GemmBench.java" java "$n" 2 >>"$out"
    fi
done
grep '^#' "$out" | sort -u >&2
python3 - "$out" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    if line.startswith("#") or not line.strip():
        continue
    tool, op, value = line.split()
    rows.setdefault(tool, {}).setdefault(op, []).append(float(value))
med = {t: {op: statistics.median(v) for op, v in ops.items()} for t, ops in rows.items()}
ref = med["numpy"]
print("| library | sgemm GFLOP/s | ratio to numpy | dgemm GFLOP/s | ratio to numpy |")
print("|---|---|---|---|---|")
names = {"numpy": "numpy (OpenBLAS 0.3.31)", "openblas": "openblas provider (OpenBLAS 0.3.31, JavaCPP)",
         "openblas-copying": "openblas provider, copied blocks (-Debp.compute.openblas.pinned=false)",
         "jblas": "jblas provider (system libjblas.so, OpenBLAS 0.3.21)", "java": "java provider (pure Java)"}
for t in ["numpy", "openblas", "openblas-copying", "jblas", "java"]:
    if t in med:
        s, d = med[t]["sgemm"], med[t]["dgemm"]
        print(f"| {names[t]} | {s:.1f} | {s / ref['sgemm']:.2f}x | {d:.1f} | {d / ref['dgemm']:.2f}x |")
PY
