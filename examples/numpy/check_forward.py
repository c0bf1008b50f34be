#!/usr/bin/env python3
"""Checks a network exported by the workbench against a forward pass in NumPy.

usage: check_forward.py MODEL.json NET.npz EVALUATION_LINE

Reads the weights from NET.npz (layer1.W [out][in], layer1.b [out], ...), the fitted standardize
transform from the model file, applies both to all 1797 bundled digits in NumPy (scaled tanh
1.7159 tanh(2x/3) in every layer, targets +-1, loss 1/2 |o - t|^2 averaged over the examples), and
compares loss and accuracy with the workbench's line "all: 1797 examples, loss L, accuracy A%".
Exit status 0 when they agree to the printed digits.
"""
import gzip
import json
import re
import sys
from pathlib import Path

import numpy as np

model_file, npz_file, line = sys.argv[1], sys.argv[2], sys.argv[3]
digits = Path(__file__).resolve().parents[2] / "bundles/data/src/main/resources/org/ebp/data/sets/digits.csv.gz"
with gzip.open(digits, "rt") as f:
    table = np.loadtxt(f, delimiter=",")
x, labels = table[:, :-1], table[:, -1].astype(int)

model = json.loads(Path(model_file).read_text())
assert model["format"] == "ebp-model" and model["version"] == 2, "not an ebp-model version 2 file"
for t in model["transforms"]:
    assert t["transform"] == "standardize", "this check knows the standardize transform only"
    mean = np.array(t["values"]["arrays"]["mean"])
    scale = np.array(t["values"]["arrays"]["scale"])
    # the workbench keeps transformed inputs as float32 (computed in float64, then rounded)
    x = ((x - mean) * scale).astype(np.float32).astype(np.float64)

weights = np.load(npz_file)
layers = len(model["network"]["widths"]) - 1
a = x
for layer in range(1, layers + 1):
    W, b = weights[f"layer{layer}.W"], weights[f"layer{layer}.b"]
    a = 1.7159 * np.tanh(2.0 / 3.0 * (a @ W.T + b))
targets = -np.ones_like(a)
targets[np.arange(len(labels)), labels] = 1.0
loss = np.mean(0.5 * np.sum((a - targets) ** 2, axis=1))
accuracy = 100.0 * np.mean(np.argmax(a, axis=1) == labels)

m = re.search(r"all: 1797 examples, loss (\S+), accuracy (\S+)%", line)
assert m, "no evaluation line in: " + line
printed_loss, printed_accuracy = float(m.group(1)), float(m.group(2))
print(f"numpy:     loss {loss:.10f}  accuracy {accuracy:.4f}%")
print(f"workbench: loss {printed_loss:.4f}        accuracy {printed_accuracy:.2f}%")
ok = abs(loss - printed_loss) <= 5e-5 and abs(accuracy - printed_accuracy) <= 5e-3
print("agree" if ok else "DIFFER")
sys.exit(0 if ok else 1)
