#!/usr/bin/env bash
# The tricks of section 1.4, switched off one at a time: final test accuracy after a fixed number
# of epochs, for the paper's recipe and for each alternative, mean and spread over 3 seeds.
#
#   experiments/tricks.sh digits     # 64-30-10, 20 epochs, 80/20 split         (~2 min)
#   experiments/tricks.sh fashion    # 784-30-10, 3 epochs, 14000/3500 examples  (~17 min)
#
# WORKBENCH=path/to/bin/workbench chooses the launcher (default: runtime/bin/workbench, which
# rebuilds the distribution first when sources changed). SEEDS="1 2 3" chooses the seeds; a
# seed sets both the initial weights (net seed=) and the example order (train seed=); the split
# is fixed (seed 42) so that every variant is tested on the same examples.
# Each run is one 'workbench -c' command line; the table goes to stdout as Markdown, every run's
# accuracy to experiments/results/tricks-DATASET.tsv.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(dirname "$HERE")
WORKBENCH=${WORKBENCH:-$REPO/runtime/bin/workbench}
SEEDS=${SEEDS:-1 2 3}
SET=${1:-digits}

case $SET in
    digits)
        LOAD="data load digits; data split train=0.8 test=0.2 seed=42"
        HIDDEN=30; EPOCHS=20 ;;
    fashion)
        # a quarter of Fashion-MNIST's 70,000 images keeps a run under half a minute
        LOAD="data load fashion-mnist; data split train=0.2 test=0.05 unused=0.75 seed=42"
        HIDDEN=30; EPOCHS=3 ;;
    *)
        echo "usage: $0 digits|fashion" >&2; exit 2 ;;
esac

# The recipe (sections 1.4.1-1.4.7, 1.10): standardized inputs, 1.7159 tanh(2x/3), targets +-1,
# fan-in initialisation, a fresh shuffle every epoch, online SGD with c/(t + t0) annealing.
# Each variant is: label | transform | net settings | sampler | optimizer | schedule
VARIANTS=(
"full recipe|standardize|activation=scaled-tanh coding=pm1 init=fan-in|shuffle|sgd lr=0.01|annealing t0=20000"
"no input standardization|none|activation=scaled-tanh coding=pm1 init=fan-in|shuffle|sgd lr=0.01|annealing t0=20000"
"logistic instead of scaled tanh (targets 0.1/0.9)|standardize|activation=logistic coding=low-high init=fan-in|shuffle|sgd lr=0.01|annealing t0=20000"
"targets near the asymptotes (+-1.7142)|standardize|activation=scaled-tanh coding=low-high low=0.0005 high=0.9995 init=fan-in|shuffle|sgd lr=0.01|annealing t0=20000"
"uniform small init U[-0.05,0.05]|standardize|activation=scaled-tanh coding=pm1 init=uniform range=0.05|shuffle|sgd lr=0.01|annealing t0=20000"
"uniform large init U[-1,1]|standardize|activation=scaled-tanh coding=pm1 init=uniform range=1.0|shuffle|sgd lr=0.01|annealing t0=20000"
"class-sorted order, no shuffling|standardize|activation=scaled-tanh coding=pm1 init=fan-in|sequential order=by-class|sgd lr=0.01|annealing t0=20000"
"constant rate (no annealing)|standardize|activation=scaled-tanh coding=pm1 init=fan-in|shuffle|sgd lr=0.01|constant"
"per-weight rates lr/sqrt(fan-in)|standardize|activation=scaled-tanh coding=pm1 init=fan-in|shuffle|per-weight lr=0.08|annealing t0=20000"
"emphasizing (cap 4)|standardize|activation=scaled-tanh coding=pm1 init=fan-in|emphasize cap=4|sgd lr=0.01|annealing t0=20000"
"class-interleaved order|standardize|activation=scaled-tanh coding=pm1 init=fan-in|class-interleave|sgd lr=0.01|annealing t0=20000"
"twisted tanh (a=0.1)|standardize|activation=twisted-tanh activation.a=0.1 coding=pm1 init=fan-in|shuffle|sgd lr=0.01|annealing t0=20000"
"growing mini-batch 1..64 (x2 every 2 epochs)|standardize|activation=scaled-tanh coding=pm1 init=fan-in|growing-batch start=1 factor=2 every=2 max=64|sgd lr=0.01|annealing t0=20000"
"adaptive rate, eqs 17-19 (no schedule)|standardize|activation=scaled-tanh coding=pm1 init=fan-in|shuffle|adaptive lr=0.01 beta=0.02|constant"
"momentum 0.9 (for comparison)|standardize|activation=scaled-tanh coding=pm1 init=fan-in|shuffle|momentum lr=0.001 mu=0.9|annealing t0=20000"
"adam (for comparison)|standardize|activation=scaled-tanh coding=pm1 init=fan-in|shuffle|adam lr=0.001|constant"
)

mkdir -p "$HERE/results"
TSV=$HERE/results/tricks-$SET.tsv
printf 'variant\tseed\ttest_accuracy\tcommand\n' >"$TSV"

echo "| variant ($SET, $EPOCHS epochs, in-$HIDDEN-out, batch 1) | test accuracy % mean | spread (min..max) |"
echo "|---|---|---|"
for variant in "${VARIANTS[@]}"; do
    IFS='|' read -r label transform netset sampler optimizer schedule <<<"$variant"
    accs=()
    for seed in $SEEDS; do
        cmd="$LOAD;"
        [ "$transform" != none ] && cmd="$cmd transform $transform;"
        cmd="$cmd net in-$HIDDEN-out $netset seed=$seed; use sampler $sampler; use optimizer $optimizer;"
        cmd="$cmd use schedule $schedule; train $EPOCHS batch=1 eval=none seed=$seed; evaluate test"
        out=$("$WORKBENCH" -c "$cmd" 2>&1) || { echo "run failed: $cmd" >&2; echo "$out" | tail -5 >&2; exit 1; }
        acc=$(echo "$out" | sed -n 's/^test: .* accuracy \([0-9.]*\)%.*/\1/p' | tail -1)
        [ -n "$acc" ] || { echo "no accuracy in the output of: $cmd" >&2; echo "$out" | tail -5 >&2; exit 1; }
        accs+=("$acc")
        printf '%s\t%s\t%s\t%s\n' "$label" "$seed" "$acc" "$cmd" >>"$TSV"
    done
    printf '%s\n' "${accs[@]}" | awk -v label="$label" '
        { s += $1; if (NR == 1 || $1 < lo) lo = $1; if (NR == 1 || $1 > hi) hi = $1 }
        END { printf "| %s | %.2f | %.2f..%.2f |\n", label, s / NR, lo, hi }'
done
