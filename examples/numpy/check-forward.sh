#!/usr/bin/env bash
# Trains a digits network in the workbench, exports it (model file and .npz weights), and checks
# its forward pass in NumPy against the workbench's own evaluation (check_forward.py).
# usage: examples/numpy/check-forward.sh [WORK_DIR]   (needs python3 with numpy)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
WORK=$(mkdir -p "${1:-$REPO/target/numpy-check}" && cd "${1:-$REPO/target/numpy-check}" && pwd -P)
rm -f "$WORK/model.json" "$WORK/net.npz"
cat > "$WORK/export.gosh" <<GOSH
data load digits
data split train=0.8 test=0.2 seed=42
transform standardize
net 64-30-10 activation=scaled-tanh coding=pm1 init=fan-in seed=1
use optimizer sgd lr=0.01
train 3 batch=1 eval=test
model save $WORK/model.json
weights export $WORK/net.npz
evaluate all
GOSH
"$REPO/runtime/bin/workbench" "$WORK/export.gosh" | tee "$WORK/export.log"
python3 "$HERE/check_forward.py" "$WORK/model.json" "$WORK/net.npz" "$(grep '^all: ' "$WORK/export.log")"
