"""CPU time of refusing a costly GraphQL document before any SQL (issue 9): parse and
validate once, then the cost check of each repeat, with the same and with distinct variables.

    python bench/refusal_cost.py [--count 1000] [--repeats 50]
"""

from __future__ import annotations

import argparse
import asyncio
import time

from graphql import parse

from launchgraph.gql.execute import Executor
from launchgraph.gql.schema import schema


def aliases(count: int) -> str:
    # The variable (the first page's size) lets each repeat carry distinct variables.
    body = " ".join(f"a{i}: events(first: 100) {{ totalCount }}" for i in range(1, count))
    return "query($n: Int) { a0: events(first: $n) { totalCount } " + body + " }"


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    executor = Executor(schema)
    query = aliases(args.count)

    async def refuse(variables: dict[str, int] | None, text: str = query) -> float:
        start = time.process_time()
        result = await executor.run(text, variables, None, None)
        spent = time.process_time() - start
        codes = [e["extensions"]["code"] for e in result.body["errors"]]
        assert "MAX_ALIASES_EXCEEDED" in codes, result.body
        return spent * 1000

    await refuse(None, query + "  ")  # warms graphql-core up (its first validation)
    first = await refuse(None)
    start = time.process_time()
    parse(query + "   ")
    parsing = (time.process_time() - start) * 1000
    same = sorted([await refuse(None) for _ in range(args.repeats)])
    distinct = sorted([await refuse({"n": i + 1}) for i in range(args.repeats)])
    print(f"{args.count} aliases, {len(query):,} characters")
    print(f"a new text (parse, cost checks, validation if they pass): {first:.2f} ms CPU")
    print(f"  of which parsing: {parsing:.2f} ms CPU")
    print(f"repeats, same variables: median {same[len(same) // 2]:.3f} ms CPU")
    print(f"repeats, distinct variables: median {distinct[len(distinct) // 2]:.3f} ms CPU")


if __name__ == "__main__":
    asyncio.run(main())
