"""The fast executor must answer exactly as graphql-core does, and must really be used."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from launchgraph.db.ingest.run import ingest
from launchgraph.gql.context import Context
from launchgraph.gql.execute import Executor
from launchgraph.gql.schema import schema

from launchgraph.cli import sample_path
from tests.conftest import Store, need_seeds

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BENCH = Path(__file__).resolve().parents[1] / "bench" / "queries"

QUERIES = [
    (BENCH / "q1.graphql").read_text().replace("2026-11-23", "2020-01-01"),
    (BENCH / "q2.graphql").read_text().replace("14000", "352"),
    (BENCH / "q3.graphql").read_text(),
    """{ agencies(first: 3) { totalCount edges { cursor node { id name
         launches(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { name } }
         programs { nodes { name } } } } } }""",
    """{ upcomingEvents(first: 5) { nodes { __typename id ll2Id name ... on Event { slug } ...F }
         pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
       fragment F on Event { type { name } datePrecision { name }
         launches { id netPrecision { abbrev }
           rocket { configuration { manufacturer { name } } } } }""",
    """{ a: event(ll2Id: 352) { name } b: launch(slug: "h3-24-htv-x1") { name status { name } }
         n: nodes(ids: ["RXZlbnQ6MzUy", "QWdlbmN5OjM3", "QWdlbmN5Ojk5OTk5OQ=="]) {
           id ... on Agency { name } } }""",
    """{ locations { nodes { name pads(first: 2) { edges { cursor } nodes { name latitude
         launches(last: 1) { nodes { net } } } } } } }""",
    """{ previousEvents(first: 3) { nodes { name updates { comment createdOn } infoUrls { url }
         vidUrls { url } spacestations { name founded status { name } }
         expeditions { name start spacestation { name } } } } }""",
    """query Q($first: Int!, $skip: Boolean!) { events(first: $first, orderBy: [{field: NAME,
         direction: DESC}]) { nodes { name type @skip(if: $skip) { name }
         programs @include(if: $skip) { name } } } }""",
]
QUERIES += [
    # Root lists the one-statement plan declines (no nodes; nodes and edges differing).
    "{ events(first: 2) { totalCount pageInfo { endCursor } } }",
    "{ events(first: 2) { nodes { name } edges { cursor node { ll2Id } } } }",
    # Lookups with and without a plan, found and not found.
    """{ a: event(slug: "htv-x1-release-reentry") { name } b: event(ll2Id: 999999) { name }
         c: agency(ll2Id: 37) { name abbrev }
         d: launch(ll2Id: "8c2412ae-fbef-443f-aae8-db538f38eec6") {
           name pad { name latitude } } }""",
]
VARIABLES = {"first": 4, "skip": True}


@pytest.mark.parametrize("query", QUERIES, ids=[f"q{i}" for i in range(len(QUERIES))])
async def test_fast_path_answers_as_graphql_core(store: Store, query: str) -> None:
    seeds = need_seeds()
    report = await ingest(store.engine, [sample_path(), seeds / "event-352-2.2.0.json"])
    assert not report.errors
    slow, fast = Executor(schema, fast=False), Executor(schema, fast=True)
    variables = VARIABLES if query.startswith("query Q") else None
    expected = await slow.run(query, variables, None, Context(store.engine, now=NOW))
    assert "errors" not in expected.body, expected.body
    document = fast.prepare(query).document
    assert document is not None
    direct = await fast.fast.run(document, None, variables, Context(store.engine, now=NOW))  # type: ignore[union-attr]
    assert direct is not None, "the fast executor handed this query back"
    # PostgreSQL renders JSON itself (its own spacing, 28 for 28.0): compare the values.
    assert orjson.loads(orjson.dumps(direct)) == orjson.loads(orjson.dumps(expected.body))


async def test_introspection_goes_to_graphql_core(store: Store) -> None:
    fast = Executor(schema, fast=True)
    query = "{ __schema { queryType { name } } }"
    document = fast.prepare(query).document
    assert document is not None
    assert await fast.fast.run(document, None, None, Context(store.engine)) is None  # type: ignore[union-attr]
    result = await fast.run(query, None, None, Context(store.engine))
    assert result.body == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


async def test_errors_go_to_graphql_core(store: Store) -> None:
    fast = Executor(schema, fast=True)
    result = await fast.run(
        "{ events(first: 1000) { totalCount } }", None, None, Context(store.engine)
    )
    assert result.body["data"] is None
    assert result.body["errors"][0]["extensions"]["code"] == "PAGE_SIZE_EXCEEDED"
