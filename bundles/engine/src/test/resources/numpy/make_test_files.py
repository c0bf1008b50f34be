#!/usr/bin/env python3
"""Writes the NumPy files the engine's WeightsCodecTest reads (run from this folder; commit the output).

A 4-3-2 network in the workbench's documented layout: layer L's W[i][j] = L + i/10 + j/100 (shape
[out][in]) and b[i] = -(L + i/10). Files: the archive as float64 little-endian, float32 big-endian,
and a flat float64 vector; and bad ones: Fortran order, int32, NaN, a wrong shape, and a truncated file.
"""
import numpy as np

def layers():
    widths = [4, 3, 2]
    out = {}
    for layer in (1, 2):
        rows, cols = widths[layer], widths[layer - 1]
        out[f"layer{layer}.W"] = np.array([[layer + i / 10 + j / 100 for j in range(cols)] for i in range(rows)])
        out[f"layer{layer}.b"] = np.array([-(layer + i / 10) for i in range(rows)])
    return out

arrays = layers()
np.savez("net-4-3-2-f8.npz", **arrays)
np.savez_compressed("net-4-3-2-f4-big.npz", **{k: v.astype(">f4") for k, v in arrays.items()})
np.save("net-4-3-2-flat.npy", np.concatenate([arrays[k].ravel() for k in ("layer1.W", "layer1.b", "layer2.W", "layer2.b")]))
np.save("bad-fortran.npy", np.asfortranarray(arrays["layer1.W"]))
np.save("bad-int.npy", np.arange(23, dtype=np.int32))
nan = np.concatenate([arrays[k].ravel() for k in ("layer1.W", "layer1.b", "layer2.W", "layer2.b")])
nan[5] = np.nan
np.save("bad-nan.npy", nan)
wrong = dict(arrays)
wrong["layer2.W"] = np.zeros((3, 2))
np.savez("bad-shape.npz", **wrong)
with open("net-4-3-2-flat.npy", "rb") as f:
    data = f.read()
with open("bad-truncated.npy", "wb") as f:
    f.write(data[:-12])
