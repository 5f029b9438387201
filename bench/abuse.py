#!/usr/bin/env python3
"""Hardening benchmark: how fast each abusive request is refused, and what a normal query's
latency becomes while abusive and heavy-but-allowed requests run.

    python bench/abuse.py                                   # SQLite, 2,000 generated events
    python bench/abuse.py --postgres postgresql://postgres@127.0.0.1:5432/postgres

One server process (`launchgraph serve`, one worker: the default, where a stuck event loop
would stop everyone), rate limits off. A benchmark, not a test: the figures go into
bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import generated, ingest, percentile, scratch_store, server

NORMAL = "{ upcomingEvents(first: 10) { totalCount nodes { name launches { name } } } }"
# Just inside the limits: 100 + 100 + 10,000 + 10,000 + 20,000 = 40,200 nodes, 9 levels.
HEAVY = """{ events(first: 100) { nodes { name programs { events(first: 100) { nodes { name
  programs { events(first: 2) { nodes { name } } } } } } } } }"""


def deep(levels: int) -> str:
    fields = (["events", "nodes"] + ["launches", "events"] * levels)[: levels - 1]
    return "{ " + " { ".join(fields) + " { name }" + " }" * (levels - 2) + " }"


def aliases(count: int) -> str:
    return (
        "{ " + " ".join(f"a{i}: events(first: 100) {{ totalCount }}" for i in range(count)) + " }"
    )


def nested_variables(levels: int) -> bytes:
    value = '{"a": [' * levels + "1" + "]}" * levels
    return (
        '{"query": "query($v: String) { events { totalCount } }", "variables": {"v": '
        + value
        + "}}"
    ).encode()


def body(query: str, **extra: Any) -> bytes:
    return json.dumps({"query": query, **extra}).encode()


CASES: list[tuple[str, bytes]] = [
    ("depth 20", body(deep(20))),
    ("depth 100", body(deep(100))),
    (
        "nested pages, first: 100 x3",
        body(
            """{ events(first: 100) { nodes { programs { events(first: 100) { nodes {
              programs { events(first: 100) { nodes { name } } } } } } } } }"""
        ),
    ),
    ("1,000 aliases", body(aliases(1000))),
    ("10,000 aliases", body(aliases(10_000))),
    ("fragment cycle", body("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")),
    (
        "directive spam",
        body("{ events { " + "... @include(if: true) { totalCount } " * 60 + "} }"),
    ),
    ("1 MB body", body(NORMAL, pad="x" * (1 << 20))),
    ("10 MB body", body(NORMAL, pad="x" * (10 << 20))),
    ("variables 1,024 deep", nested_variables(1024)),
    ("variables 200 deep", nested_variables(200)),
]


async def post(client: httpx.AsyncClient, url: str, content: bytes) -> tuple[float, httpx.Response]:
    start = time.perf_counter()
    resp = await client.post(url, content=content, headers={"content-type": "application/json"})
    return time.perf_counter() - start, resp


def code_of(resp: httpx.Response) -> str:
    try:
        errors = resp.json().get("errors") or []
    except ValueError:
        return f"HTTP {resp.status_code}"
    return ",".join(sorted({e["extensions"]["code"] for e in errors})) or "ok"


async def refusals(url: str) -> None:
    print("| request | code | HTTP | refused in (median of 5) | normal query right after |")
    print("| --- | --- | --- | --- | --- |")
    async with httpx.AsyncClient(timeout=60) as client:
        for label, content in CASES:
            times, after = [], []
            for _ in range(5):
                elapsed, resp = await post(client, url, content)
                times.append(elapsed)
                ok_time, ok = await post(client, url, body(NORMAL))
                assert ok.status_code == 200 and "errors" not in ok.json(), ok.text
                after.append(ok_time)
            print(
                f"| {label} | {code_of(resp)} | {resp.status_code} "
                f"| {statistics.median(times) * 1000:.1f} ms "
                f"| {statistics.median(after) * 1000:.1f} ms |"
            )


async def alone(url: str, heavy: list[bytes]) -> None:
    async with httpx.AsyncClient(timeout=120) as client:
        times = [(await post(client, url, content))[0] for content in heavy]
    print(f"one heavy query alone (40,200 nodes estimated): {statistics.median(times):.2f} s\n")


async def normal_latency(url: str, seconds: float, abusers: int, abusive: list[bytes]) -> None:
    """A normal query every 10 ms from one client while `abusers` clients send `abusive`
    requests back to back."""
    stop = time.perf_counter() + seconds
    timings: list[float] = []
    abusive_done = 0
    outcomes: Counter[str] = Counter()

    async def abuse(i: int) -> None:
        nonlocal abusive_done
        async with httpx.AsyncClient(timeout=120) as client:
            while time.perf_counter() < stop:
                _, resp = await post(client, url, abusive[(abusive_done + i) % len(abusive)])
                outcomes[code_of(resp)] += 1
                abusive_done += 1

    async def normal() -> None:
        async with httpx.AsyncClient(timeout=120) as client:
            while time.perf_counter() < stop:
                elapsed, resp = await post(client, url, body(NORMAL))
                assert resp.status_code == 200, resp.text
                timings.append(elapsed)
                await asyncio.sleep(0.01)

    await asyncio.gather(normal(), *(abuse(i) for i in range(abusers)))
    shown = ", ".join(f"{n} {code}" for code, n in outcomes.most_common(3)) if abusers else ""
    print(
        f"| {abusers} | {len(timings)} | {percentile(timings, 50) * 1000:.1f} ms "
        f"| {percentile(timings, 99) * 1000:.1f} ms | {max(timings) * 1000:.1f} ms "
        f"| {abusive_done} ({shown}) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL (default: SQLite)")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--port", type=int, default=8792)
    parser.add_argument("--executor", default="compiled", help="LAUNCHGRAPH_EXECUTOR")
    parser.add_argument("--latency-only", action="store_true", help="skip the refusals")
    args = parser.parse_args()
    data = generated(args.events)
    print(f"load: {os.getloadavg()[0]:.1f} (1 min average) at the start")
    with scratch_store(args.postgres) as url:
        if ingest(url, data).wait() != 0:
            raise SystemExit("ingest failed")
        settings = {
            "LAUNCHGRAPH_RATE_LIMIT": "0",
            "LAUNCHGRAPH_ACCESS_LOG": "0",
            "LAUNCHGRAPH_EXECUTOR": args.executor,
        }
        with server(url, args.port, 1, **settings) as gql:
            if not args.latency_only:
                asyncio.run(refusals(gql))
                print()
            print("| abusive clients | normal queries | p50 | p99 | max | abusive requests |")
            print("| --- | --- | --- | --- | --- | --- |")
            # Distinct (unused) variables: each heavy request runs, none is a cache hit.
            heavy = [body(HEAVY, variables={"pad": i}) for i in range(10_000)]
            asyncio.run(alone(gql, heavy[-3:]))
            refused = [content for _label, content in CASES[:7]]
            asyncio.run(normal_latency(gql, args.seconds, 0, heavy))
            asyncio.run(normal_latency(gql, args.seconds, 4, refused))
            asyncio.run(normal_latency(gql, args.seconds, 4, heavy))
    print(f"load: {os.getloadavg()[0]:.1f} (1 min average) at the end")


if __name__ == "__main__":
    main()
