#!/usr/bin/env python3
"""Where one request's time goes on the compiled path: HTTP, Python, driver, PostgreSQL.

    python bench/request_profile.py --database postgresql://postgres@127.0.0.1:5432/lg_bench \\
        --url http://127.0.0.1:8000/graphql q1 q2

For each query (bench/queries/qN.json), medians over --rounds requests made one at a time:

- end to end: a POST to the running server at --url (client, HTTP, server, database);
- in process: the compiled path's Executor.run here, as the server runs it per request
  (context, pool checkout, cached parse/plan/statement lookup, driver, database);
- lookup: the parse/validate cache and the statement cache alone (no database);
- driver round trip: the statement's driver SQL on a held connection (driver + database);
- PostgreSQL: the execution time PostgreSQL reports for the same prepared statement
  (EXPLAIN ANALYZE without per-node timing, its generic plan, after warm-up), which
  excludes the round trip.

The differences give the shares: HTTP and the web framework (end to end - in process),
Python around the statement (in process - driver round trip), the driver and the socket
(driver round trip - PostgreSQL). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import time
import urllib.request
from pathlib import Path

import orjson

from launchgraph.db.engine import make_engine
from launchgraph.gql.compiled.executor import DriverSQL, Request
from launchgraph.gql.context import Context
from launchgraph.gql.execute import Executor
from launchgraph.gql.schema import schema

QUERIES = Path(__file__).resolve().parent / "queries"


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def http_ms(url: str, body: bytes, rounds: int) -> float:
    request = urllib.request.Request(url, body, {"content-type": "application/json"})
    samples = []
    for i in range(rounds + 5):
        t = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
        if i >= 5:
            samples.append(time.perf_counter() - t)
    return median_ms(samples)


async def profile(database: str, url: str | None, names: list[str], rounds: int) -> None:
    engine = make_engine(database)
    executor = Executor(schema, "compiled")
    compiled = executor.compiled
    assert compiled is not None
    print(
        f"{'query':6} {'end to end':>11} {'in process':>11} {'lookup':>8} "
        f"{'driver r/t':>11} {'PostgreSQL':>11}   (ms, medians of {rounds})"
    )
    for name in names:
        body = (QUERIES / f"{name}.json").read_bytes()
        query = orjson.loads(body)["query"]
        whole, lookup, driver, server = [], [], [], []
        for i in range(rounds + 5):
            t = time.perf_counter()
            async with Context(engine) as context:
                result = await executor.run(query, None, None, context)
            if i >= 5:
                whole.append(time.perf_counter() - t)
        assert result.path == "compiled", f"{name} was not answered by the compiled path"
        async with Context(engine) as context, context.db.connection() as conn:
            document = executor.prepare(query).document
            assert document is not None
            entry = compiled.entry(Request(query, document, None, None), context, conn.dialect)
            sql = entry.driver
            if sql is None:
                assert entry.statement is not None
                sql = DriverSQL.of(entry.statement, conn.dialect)
            for i in range(rounds + 5):
                t = time.perf_counter()
                document = executor.prepare(query).document
                assert document is not None
                compiled.entry(Request(query, document, None, None), context, conn.dialect)
                lookup.append(time.perf_counter() - t)
                t = time.perf_counter()
                await sql.scalar(conn)
                if i >= 5:
                    driver.append(time.perf_counter() - t)
            explain = "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY) " + sql.text
            for _ in range(10):
                rows = (await conn.exec_driver_sql(explain, sql.parameters)).all()
                found = re.search(r"Execution Time: ([\d.]+)", "\n".join(r[0] for r in rows))
                assert found is not None
                server.append(float(found.group(1)) / 1000)
        end = f"{http_ms(url, body, rounds):11.2f}" if url else f"{'-':>11}"
        print(
            f"{name:6} {end} {median_ms(whole):11.2f} {median_ms(lookup[5:]):8.3f} "
            f"{median_ms(driver):11.2f} {median_ms(server[5:]):11.2f}"
        )
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="*", default=["q1"])
    parser.add_argument("--database", required=True, help="PostgreSQL URL of the bench data")
    parser.add_argument("--url", help="the running server's /graphql (for end to end)")
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(profile(args.database, args.url, args.queries, args.rounds))


if __name__ == "__main__":
    main()
