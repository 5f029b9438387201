"""Median latency of q1..q3 (bench/queries) against running LaunchGraph servers, one request
at a time. With several `--url`s the servers take turns, request by request, so that a drift of
the machine (its load, its clock speed) touches all alike, and each median is followed by its
ratio to the first server's. A benchmark, not a test.

    python bench/latency.py --url http://127.0.0.1:8000/graphql [--url ...] [--rounds 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import httpx

QUERIES = Path(__file__).resolve().parent / "queries"
WARM_UP = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", action="append", help="repeat to compare servers")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    urls: list[str] = args.url or ["http://127.0.0.1:8000/graphql"]
    headers = {"content-type": "application/json"}
    with httpx.Client(timeout=30) as client:
        for name in ("q1", "q2", "q3"):
            body = (QUERIES / f"{name}.json").read_bytes()
            timings: dict[str, list[float]] = {url: [] for url in urls}
            for i in range(args.rounds + WARM_UP):
                for url in urls:
                    start = time.perf_counter()
                    response = client.post(url, content=body, headers=headers)
                    elapsed = time.perf_counter() - start
                    if response.status_code != 200 or b'"errors"' in response.content:
                        raise SystemExit(f"{name} failed at {url}: {response.text[:300]}")
                    if i >= WARM_UP:
                        timings[url].append(elapsed)
            medians = [statistics.median(timings[url]) * 1000 for url in urls]
            line = f"{name} " + "  ".join(f"{m:.2f} ms" for m in medians)
            if len(urls) > 1:
                line += "  ratio " + " ".join(f"{m / medians[0]:.2f}" for m in medians[1:])
            print(line)


if __name__ == "__main__":
    main()
