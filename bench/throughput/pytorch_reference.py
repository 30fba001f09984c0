"""PyTorch reference for the throughput benchmark: the classic Keras CIFAR-10 CNN
(examples/cifar10-baseline.cnn.json) trained on one fixed random batch, CPU, 2 threads.

Run with Debian's python3-torch:  /usr/bin/python3 bench/throughput/pytorch_reference.py
Prints one line `RESULT <json>` as bench/throughput/engineRun.ts does.
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn


def classic_cifar_cnn() -> nn.Module:
    """Conv32 same, Conv32, MaxPool, Dropout, Conv64 same, Conv64, MaxPool, Dropout,
    Flatten, Dense512, Dropout, Dense10 (softmax folded into the loss)."""
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
        nn.Conv2d(32, 32, 3), nn.ReLU(),
        nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Flatten(),
        nn.Linear(64 * 6 * 6, 512), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(512, 10),
    )


def conv_rate(seconds: float) -> None:
    """GFLOP/s of bench/throughput/convRate.ts's convolution: 3x3, 64 -> 64 channels,
    'same', 64 images of 32x32, forward only."""
    x = torch.rand(64, 64, 32, 32)
    w = torch.rand(64, 64, 3, 3)
    flop = 2 * 64 * 32 * 32 * 3 * 3 * 64 * 64
    with torch.no_grad():
        torch.nn.functional.conv2d(x, w, padding=1)
        times = []
        end = time.perf_counter() + seconds
        while len(times) < 3 or time.perf_counter() < end:
            t = time.perf_counter()
            torch.nn.functional.conv2d(x, w, padding=1)
            times.append(time.perf_counter() - t)
    ms = 1000 * statistics.median(times)
    print("RESULT " + json.dumps({"gflops": flop / ms / 1e6, "msPerCall": ms}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--conv-rate", action="store_true",
                        help="time the convolution of convRate.ts instead of training")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    if args.conv_rate:
        conv_rate(args.seconds)
        return
    torch.manual_seed(0)
    model = classic_cifar_cnn()
    # Keras's adam defaults: epsilon 1e-7.
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(args.batch, 3, 32, 32)
    y = torch.randint(0, 10, (args.batch,))
    model.train()

    def step() -> float:
        optimizer.zero_grad()
        out = model(x)
        loss = loss_fn(out, y)
        loss.backward()
        optimizer.step()
        # Keras's trainOnBatch also reports accuracy.
        (out.argmax(1) == y).float().mean().item()
        return loss.item()

    for _ in range(args.warmup):
        step()
    # Speed from the median step, as bench/throughput/stepTiming.ts takes it.
    start = time.perf_counter()
    cpu_start = time.process_time()
    step_ms = []
    loss = float("nan")
    while len(step_ms) < args.steps and (not step_ms or time.perf_counter() - start < args.seconds):
        t = time.perf_counter()
        loss = step()
        step_ms.append(1000 * (time.perf_counter() - t))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    images = len(step_ms) * args.batch
    ms_per_step = statistics.median(step_ms)
    params = sum(p.numel() for p in model.parameters())
    print("RESULT " + json.dumps({
        "engine": "pytorch",
        "backend": f"torch {torch.__version__} CPU",
        "note": f"{torch.get_num_threads()} threads, {params} parameters",
        "batch": args.batch,
        "steps": len(step_ms),
        "imagesPerSec": 1000 * args.batch / ms_per_step,
        "msPerStep": ms_per_step,
        "meanImagesPerSec": images / seconds,
        "stepMs": step_ms,
        "imagesPerCpuSec": images / cpu_seconds,
        "lastLoss": loss,
    }), flush=True)


if __name__ == "__main__":
    main()
