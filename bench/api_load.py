"""Load test of the HTTP API on loopback: 50 concurrent clients, bounded in count and time.

    python bench/api_load.py --db out/demo.duckdb [--clients 50] [--requests 3000] [--seconds 60]

Starts `svodka serve` on 127.0.0.1 (a free port) in a subprocess, sends a mix of dashboard
requests (timeline, map, event pages, entity search, documents) from N concurrent clients until
the request budget or the time budget is spent, then stops the server. Prints p50/p95/p99 latency
and the error rate. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

PATHS = [
    "/api/timeline", "/api/map", "/api/events?limit=50", "/api/events?type=PROTEST", "/api/events?limit=20&offset=20",
    "/api/entities?limit=50", "/api/entities?q=Путин", "/api/stories?limit=20", "/api/figures?limit=50",
    "/api/documents?q=протест", "/api/health", "/",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def client(base: str, budget: list[int], deadline: float, latencies: list[float], errors: list[str],
                 rng: random.Random) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while budget[0] > 0 and time.monotonic() < deadline:
            budget[0] -= 1
            path = rng.choice(PATHS)
            started = time.perf_counter()
            try:
                r = await http.get(path)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {path}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")
            latencies.append((time.perf_counter() - started) * 1000)


async def run(base: str, clients: int, requests: int, seconds: float) -> tuple[list[float], list[str], float]:
    budget, latencies, errors = [requests], [], []  # type: ignore[var-annotated]
    deadline = time.monotonic() + seconds
    rng = random.Random(7)
    started = time.perf_counter()
    await asyncio.gather(*(client(base, budget, deadline, latencies, errors, random.Random(rng.random()))
                           for _ in range(clients)))
    return latencies, errors, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "svodka.cli", "serve", "--db", str(args.db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        latencies, errors, elapsed = asyncio.run(run(base, args.clients, args.requests, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    print(f"{len(latencies)} requests from {args.clients} clients in {elapsed:.1f} s "
          f"({len(latencies) / elapsed:.0f} req/s)")
    print(f"latency ms: p50 {q[49]:.0f}, p95 {q[94]:.0f}, p99 {q[98]:.0f}, max {latencies[-1]:.0f}")
    print(f"errors: {len(errors)} ({100 * len(errors) / max(1, len(latencies)):.2f}%)"
          + (f", e.g. {errors[:3]}" if errors else ""))


if __name__ == "__main__":
    main()
