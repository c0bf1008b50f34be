"""PyTorch's side of benchmarks/throughput/run: the same training as Throughput.java.

python3 torch_side.py throughput DTYPE BATCH EXAMPLES THREADS  -> examples/s of the second epoch
python3 torch_side.py serve EXAMPLES   -> loads once, prints "ready", then per line "DTYPE BATCH THREADS"
                                        prints the examples/s of the second epoch
python3 torch_side.py to88 DTYPE THREADS                       -> seconds, epochs, accuracy to 88%

Fashion-MNIST from Debian's dataset-fashion-mnist: training examples are the first EXAMPLES of the
official 60000, the test set the official 10000, inputs standardized per feature on the training
part (as the workbench's `transform standardize`: zero mean, unit variance; constant features 0).
"""
import gzip
import sys
import time

import numpy as np
import torch

DIR = "/usr/share/datasets/fashion-mnist"


def idx(name, offset):
    with gzip.open(f"{DIR}/{name}", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def data(n, dtype):
    x = idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784)[:n].astype(np.float64)
    y = idx("train-labels-idx1-ubyte.gz", 8)[:n].astype(np.int64)
    xt = idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float64)
    yt = idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std == 0] = 1
    x = (x - mean) / std
    xt = (xt - mean) / std
    return (torch.tensor(x, dtype=dtype), torch.tensor(y), torch.tensor(xt, dtype=dtype), torch.tensor(yt))


class ScaledTanh(torch.nn.Module):
    def forward(self, z):
        return 1.7159 * torch.tanh(z * (2.0 / 3.0))


def network(hidden, dtype):
    torch.manual_seed(1)
    net = torch.nn.Sequential(torch.nn.Linear(784, 300), hidden, torch.nn.Linear(300, 10)).to(dtype)
    with torch.no_grad():
        for layer in (net[0], net[2]):
            # fan-in initialisation (eq 15-16): sigma = m^-1/2 with m the fan-in counting the bias
            std = (layer.in_features + 1) ** -0.5
            layer.weight.normal_(0, std)
            layer.bias.normal_(0, std)
    return net


def epoch(net, opt, x, y, batch):
    loss_fn = torch.nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0])
    for start in range(0, x.shape[0], batch):
        idx_ = order[start:start + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x[idx_]), y[idx_])
        loss.backward()
        opt.step()


def throughput(x, y, dtype, batch):
    torch.manual_seed(1)
    x, y = x.to(dtype), y
    net = network(torch.nn.Tanh(), dtype)
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    epoch(net, opt, x, y, batch)  # warm-up epoch, as the workbench's first
    t = time.perf_counter()
    epoch(net, opt, x, y, batch)
    return x.shape[0] / (time.perf_counter() - t)


def serve():
    n = int(sys.argv[2])
    x, y, _, _ = data(n, torch.float64)
    print("ready", flush=True)
    for line in sys.stdin:
        if not line.strip():
            break
        dtype, batch, threads = line.split()
        torch.set_num_threads(int(threads))
        dt = {"float32": torch.float32, "float64": torch.float64}[dtype]
        print(f"{throughput(x, y, dt, int(batch)):.1f}", flush=True)


def main():
    mode = sys.argv[1]
    if mode == "serve":
        serve()
        return
    dtype = {"float32": torch.float32, "float64": torch.float64}[sys.argv[2]]
    torch.set_num_threads(int(sys.argv[-1]))
    torch.manual_seed(1)
    if mode == "throughput":
        batch, n = int(sys.argv[3]), int(sys.argv[4])
        x, y, _, _ = data(n, dtype)
        net = network(torch.nn.Tanh(), dtype)
        opt = torch.optim.SGD(net.parameters(), lr=0.01)
        epoch(net, opt, x, y, batch)  # warm-up epoch, as the workbench's first
        t = time.perf_counter()
        epoch(net, opt, x, y, batch)
        print(f"{n / (time.perf_counter() - t):.1f}")
    else:
        x, y, xt, yt = data(60000, dtype)
        net = network(ScaledTanh(), dtype)
        opt = torch.optim.SGD(net.parameters(), lr=0.03)
        t = time.perf_counter()
        accuracy, epochs = 0.0, 0
        while accuracy < 0.88 and epochs < 30:
            epoch(net, opt, x, y, 32)
            epochs += 1
            with torch.no_grad():
                accuracy = (net(xt).argmax(1) == yt).double().mean().item()
        print(f"{time.perf_counter() - t:.2f} {epochs} {accuracy:.4f}")


if __name__ == "__main__":
    main()
