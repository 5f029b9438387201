"""Root lists' totalCounts kept per data version on the compiled path: counted by the first
answer of a version, then given to the statement instead of counted; counted again once the
version moves, and never kept when the version moved while they were read. The executor's
part runs on both stores (the version comes from a stand-in watcher); the server's, with its
NOTIFY-fed version, on PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.db.ingest.run import ingest
from launchgraph.gql.context import Context
from launchgraph.gql.execute import Executor
from launchgraph.gql.schema import schema
from launchgraph.settings import Settings
from tests.conftest import Store
from tests.gql_helpers import count_statements

PAGE = "{ events(first: 2) { totalCount nodes { ll2Id } } }"
TWO = """query Two($n: Int!, $t: [Int!]) {
  a: events(first: $n, filter: {typeIds: $t}) { totalCount nodes { ll2Id } count: totalCount }
  b: launches(first: 1) { nodes { name } totalCount }
  c: event(ll2Id: 1) { ll2Id }
}"""


class Versions:
    """A watcher whose version the test sets (`known()` is all the executor reads)."""

    def __init__(self, *versions: int | None) -> None:
        self.versions = list(versions)

    def known(self) -> int | None:
        # Each read takes the next version given; the last one stays.
        return self.versions.pop(0) if len(self.versions) > 1 else self.versions[0]


async def _run(
    store: Store, executor: Executor, versions: Any, query: str = PAGE, **variables: Any
) -> tuple[dict[str, Any], list[str]]:
    with count_statements(store) as seen:
        async with Context(store.engine, versions=versions) as context:
            result = await executor.run(query, variables or None, None, context)
    assert result.path == "compiled", result.body
    body = orjson.loads(orjson.dumps(result.body["data"]))  # the data is a JSON fragment
    return body, [s for s in seen if "data_version" not in s]


def _counted(statements: list[str]) -> bool:
    # The statement's own count (a page's rows are counted over a window: `OVER`).
    return any("(select count(*) as count_" in " ".join(s.lower().split()) for s in statements)


async def test_counts_are_given_within_a_version(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    executor = Executor(schema)
    versions = Versions(1)
    first, ran = await _run(store, executor, versions)
    assert _counted(ran)
    total = first["events"]["totalCount"]
    assert total > 2
    for _ in range(3):
        again, ran = await _run(store, executor, versions)
        assert again == first
    # From the repeat that runs driver SQL on, the count is a parameter.
    assert not _counted(ran), ran
    # Another version: counted again, then given again.
    versions.versions = [2]
    again, ran = await _run(store, executor, versions)
    assert again == first and _counted(ran)
    again, ran = await _run(store, executor, versions)
    assert again == first and not _counted(ran)


async def test_counts_are_not_kept_without_a_version(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    executor = Executor(schema)
    for versions in (None, Versions(None)):
        for _ in range(3):
            _data, ran = await _run(store, executor, versions)
            assert _counted(ran)


async def test_counts_read_while_the_version_moved_are_not_kept(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    executor = Executor(schema)
    # Read as version 1 before the statement, 2 after it: not kept for either.
    versions = Versions(1, 2, 2)
    await _run(store, executor, versions)
    _data, ran = await _run(store, executor, versions)
    assert _counted(ran)


async def test_given_counts_answer_as_counted_ones(store: Store) -> None:
    """Several root lists, a count asked twice, variables and a lookup beside them: the
    answer given counts is the reference path's."""
    await ingest(store.engine, [sample_path()])
    executor = Executor(schema)
    versions = Versions(7)
    variables = {"n": 3, "t": list(range(1, 11))}
    answers = [(await _run(store, executor, versions, TWO, **variables))[0] for _ in range(3)]
    async with Context(store.engine) as context:
        reference = await Executor(schema, path="reference").run(TWO, variables, None, context)
    assert reference.body["data"]["a"]["totalCount"] > 0
    assert answers == [reference.body["data"]] * 3


@contextlib.asynccontextmanager
async def _served(store: Store, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        Settings(database_url=store.url, response_cache=False, **settings), engine=store.engine
    )
    async with app.router.lifespan_context(app):  # starts the data version listener
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def _total(client: httpx.AsyncClient) -> int:
    response = await client.post("/graphql", json={"query": PAGE})
    assert response.status_code == 200, response.text
    return response.json()["data"]["events"]["totalCount"]


async def test_the_server_counts_again_after_an_ingest(store: Store, tmp_path: Path) -> None:
    if store.backend != "postgresql":
        pytest.skip("the version is known without a statement only on PostgreSQL")
    from tests.test_data_version import _event
    from tests.test_ingest_support import write_json

    await ingest(store.engine, [sample_path()])
    async with _served(store) as client:
        before = await _total(client)
        with count_statements(store) as seen:
            for _ in range(20):  # until the listener has heard the version
                assert await _total(client) == before
                if not _counted(seen[-1:]):
                    break
                await asyncio.sleep(0.05)
        assert not _counted(seen[-1:]), "the count was never given"
        await ingest(store.engine, [write_json(tmp_path / "new.json", _event())])
        for _ in range(100):  # until the NOTIFY of the new version arrives
            if await _total(client) == before + 1:
                break
            await asyncio.sleep(0.05)
        assert await _total(client) == before + 1


async def test_the_count_cache_can_be_turned_off(store: Store) -> None:
    if store.backend != "postgresql":
        pytest.skip("the version is known without a statement only on PostgreSQL")
    await ingest(store.engine, [sample_path()])
    async with _served(store, count_cache=False) as client:
        with count_statements(store) as seen:
            for _ in range(5):
                await _total(client)
                await asyncio.sleep(0.02)
        assert _counted(seen[-1:])
