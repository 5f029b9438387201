"""Keyset pagination at depth: the latency of page 1 and page 1,000 of `events(first: 20)`.

A benchmark, not a test. Walks to the page with real cursors, then times both pages
alternately against a running server and prints the medians and their ratio.

    python bench/scale.py --url http://127.0.0.1:8000/graphql [--page 1000] [--rounds 200]
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx

QUERY = """query Page($after: String) {
  events(first: 20, after: $after, orderBy: [{field: DATE}, {field: ID}]) {
    pageInfo { hasNextPage endCursor }
    nodes { ll2Id name date type { name } launches { name pad { name } } }
  }
}"""


def fetch(client: httpx.Client, url: str, after: str | None) -> dict:
    response = client.post(url, json={"query": QUERY, "variables": {"after": after}})
    response.raise_for_status()
    body = response.json()
    if "errors" in body:
        raise SystemExit(f"query failed: {body['errors']}")
    return body["data"]["events"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--page", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with httpx.Client(timeout=30) as client:
        cursor: str | None = None
        for page in range(1, args.page):
            events = fetch(client, args.url, cursor)
            if not events["pageInfo"]["hasNextPage"]:
                raise SystemExit(f"the list ends at page {page}; load more events")
            cursor = events["pageInfo"]["endCursor"]
        timings: dict[str, list[float]] = {"first": [], "deep": []}
        for _ in range(args.rounds):
            for name, after in (("first", None), ("deep", cursor)):
                start = time.perf_counter()
                fetch(client, args.url, after)
                timings[name].append(time.perf_counter() - start)
    first = statistics.median(timings["first"]) * 1000
    deep = statistics.median(timings["deep"]) * 1000
    print(f"page 1: {first:.2f} ms  page {args.page}: {deep:.2f} ms  ratio {deep / first:.2f}")


if __name__ == "__main__":
    main()
