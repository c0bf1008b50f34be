#!/usr/bin/env bash
# Matrix-product speed of the jblas provider with the system library (Debian's libjblas.so on
# OpenBLAS), with jblas's bundled library, and of the pure-Java provider, side by side in one run.
# Usage: benchmarks/compute/gemm-speed.sh [size ...]   (default 1000; run after a build)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd -P)
mod=$repo/bundles/compute-jblas
m2=${MAVEN_REPO:-$HOME/.m2/repository}
[ -d "$mod/target/test-classes" ] || (cd "$repo" && mvn -q -o test-compile -pl bundles/api,bundles/compute-jblas)
cp=$mod/target/classes:$mod/target/test-classes:$m2/org/jblas/jblas/1.2.5/jblas-1.2.5.jar:$repo/bundles/api/target/classes
sizes=${*:-1000}
for round in 1 2 3; do
    echo "== round $round"
    java -Djava.library.path=/usr/lib/jni:/usr/lib/x86_64-linux-gnu/jni -cp "$cp" org.ebp.compute.jblas.GemmTiming $sizes
    java -Djava.library.path=/nonexistent -Debp.compute.native=bundled -cp "$cp" org.ebp.compute.jblas.GemmTiming $sizes
done
