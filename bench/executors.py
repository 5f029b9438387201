"""The two ways LaunchGraph can execute a query, side by side in one run, in process (no
HTTP): the reference path (Strawberry's execution with DataLoaders) and the compiled path
(one SQL statement renders the response JSON). A benchmark, not a test.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/lg_bench python bench/executors.py
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

import orjson

from launchgraph.db.engine import make_engine
from launchgraph.gql.context import Context
from launchgraph.gql.execute import Executor
from launchgraph.gql.schema import schema

QUERIES = Path(__file__).resolve().parent / "queries"


def executors() -> dict[str, Executor]:
    return {"reference": Executor(schema, "reference"), "compiled": Executor(schema, "compiled")}


async def measure(url: str | None, rounds: int) -> None:
    engine = make_engine(url)
    runs = executors()
    print(f"{'query':6} {'executor':15} {'ms/request':>11} {'Python CPU ms':>14}")
    for name in ("q1", "q2", "q3"):
        query = orjson.loads((QUERIES / f"{name}.json").read_bytes())["query"]
        answers = []
        for label, executor in runs.items():
            for _ in range(5):  # warm-up: caches, prepared statements
                async with Context(engine) as context:
                    result = await executor.run(query, None, None, context)
            answers.append(orjson.loads(orjson.dumps(result.body)))
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(rounds):
                async with Context(engine) as context:
                    await executor.run(query, None, None, context)
            wall = (time.perf_counter() - wall) / rounds * 1000
            cpu = (time.process_time() - cpu) / rounds * 1000
            print(f"{name:6} {label:15} {wall:11.2f} {cpu:14.2f}")
        if any(answer != answers[0] for answer in answers):
            raise SystemExit(f"{name}: the executors disagree")
    await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=None, help="database URL (default: DATABASE_URL)")
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(measure(args.url, args.rounds))


if __name__ == "__main__":
    main()
