"""Median latency of q1..q3 (bench/queries) against a running LaunchGraph, one request at a
time. A benchmark, not a test.

    python bench/latency.py --url http://127.0.0.1:8000/graphql [--rounds 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import httpx

QUERIES = Path(__file__).resolve().parent / "queries"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with httpx.Client(timeout=30) as client:
        for name in ("q1", "q2", "q3"):
            body = (QUERIES / f"{name}.json").read_bytes()
            headers = {"content-type": "application/json"}
            timings = []
            for i in range(args.rounds + 10):
                start = time.perf_counter()
                response = client.post(args.url, content=body, headers=headers)
                elapsed = time.perf_counter() - start
                if response.status_code != 200 or b'"errors"' in response.content:
                    raise SystemExit(f"{name} failed: {response.text[:300]}")
                if i >= 10:  # after a warm-up
                    timings.append(elapsed)
            print(f"{name} {statistics.median(timings) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
