#!/usr/bin/env python3
"""Load during an ingest: 32 clients send the query that used to deadlock the connection pool
(`events(first: 50) { nodes { programs { events(first: 1) { totalCount } } } }`) for 60 s
while `launchgraph ingest` loads more events into the same PostgreSQL.

    python bench/load.py --postgres postgresql://postgres@127.0.0.1:5432/postgres
    python bench/load.py --clients 32 --seconds 60 --workers 2

The same load runs first without an ingest (`--no-baseline` skips it), so a loaded machine's
share of the latency is told apart from the ingest's.

Counts failed requests (anything but a 200 with data and no errors) and prints latency
percentiles. Rate limits are off (one machine plays all 32 clients). A benchmark, not a
test: the figures go into bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import generated, ingest, percentile, scratch_store, server

QUERY = "{ events(first: 50) { nodes { programs { events(first: 1) { totalCount } } } } }"


async def clients(url: str, count: int, seconds: float) -> tuple[list[float], Counter[str]]:
    stop = time.perf_counter() + seconds
    timings: list[float] = []
    failures: Counter[str] = Counter()
    # Distinct variables per request: every request executes (no response cache hit).
    seq = iter(range(10**9))

    async def one() -> None:
        async with httpx.AsyncClient(timeout=60) as client:
            while time.perf_counter() < stop:
                content = json.dumps({"query": QUERY, "variables": {"n": next(seq)}})
                start = time.perf_counter()
                try:
                    resp = await client.post(
                        url, content=content, headers={"content-type": "application/json"}
                    )
                except httpx.HTTPError as exc:
                    failures[type(exc).__name__] += 1
                    continue
                timings.append(time.perf_counter() - start)
                body = resp.json() if resp.status_code < 500 else {}
                if resp.status_code != 200 or body.get("errors") or not body.get("data"):
                    failures[f"HTTP {resp.status_code} {str(body.get('errors'))[:80]}"] += 1

    await asyncio.gather(*(one() for _ in range(count)))
    return timings, failures


def report(
    label: str, args: argparse.Namespace, timings: list[float], failures: Counter[str]
) -> None:
    total = len(timings) + sum(v for k, v in failures.items() if not k.startswith("HTTP"))
    print(
        f"{label}: {args.clients} clients, {args.seconds:.0f} s, {args.workers} workers: "
        f"{total} requests ({total / args.seconds:.0f}/s), {sum(failures.values())} failed; "
        f"latency p50 {percentile(timings, 50) * 1000:.0f} ms, "
        f"p99 {percentile(timings, 99) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms; "
        f"load {os.getloadavg()[0]:.1f}"
    )
    for reason, n in failures.most_common(5):
        print(f"  {n} x {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--events", type=int, default=2000, help="loaded before the run")
    parser.add_argument("--ingest-events", type=int, default=20000, help="loaded during it")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8793)
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip the same load without an ingest (run first, to tell the machine's load "
        "from the ingest's effect)",
    )
    args = parser.parse_args()
    before, during = generated(args.events), generated(args.ingest_events)
    print(f"load {os.getloadavg()[0]:.1f} (1 min average) at the start")
    with scratch_store(args.postgres) as url:
        if ingest(url, before).wait() != 0:
            raise SystemExit("ingest failed")
        settings = {"LAUNCHGRAPH_RATE_LIMIT": "0", "LAUNCHGRAPH_ACCESS_LOG": "0"}
        with server(url, args.port, args.workers, **settings) as gql:
            if not args.no_baseline:
                report(
                    "without an ingest",
                    args,
                    *asyncio.run(clients(gql, args.clients, args.seconds)),
                )
            loading = ingest(url, during)
            start = time.perf_counter()
            timings, failures = asyncio.run(clients(gql, args.clients, args.seconds))
            ingest_status = loading.poll()
            loading.wait()
            ingest_time = time.perf_counter() - start
    report("during an ingest", args, timings, failures)
    print(
        f"ingest of {args.ingest_events:,} events ran alongside: "
        f"{'finished' if ingest_status is not None else 'still running'} at the end of the "
        f"run (exit {loading.returncode}, {ingest_time:.0f} s from the start)"
    )


if __name__ == "__main__":
    main()
