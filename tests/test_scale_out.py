"""Scale-out: two LaunchGraph instances (each its own engine, version watcher and in-memory
cache) on one database and one Redis. An ingest through either is seen by both; an answer one
computed is served by the other from Redis; Redis going away fails no request."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis.asyncio as redis
from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import AsyncEngine

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.db.engine import make_engine
from launchgraph.db.ingest.run import ingest
from launchgraph.db.version import read as read_version
from launchgraph.request_limits import RequestLimits
from launchgraph.settings import Settings
from tests.conftest import Store, open_store
from tests.test_operations import access_lines
from tests.test_response_cache import _until_version_known

REDIS_URL = os.environ.get("LAUNCHGRAPH_TEST_REDIS", "redis://127.0.0.1:6379/0")
REQUIRE_REDIS = os.environ.get("LAUNCHGRAPH_REQUIRE_REDIS") == "1"
COUNT = "{ launches { totalCount } }"
PAGE = "query Page { events(first: 5) { nodes { name date } } }"


@pytest.fixture
async def redis_url() -> str:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        await client.ping()
    except Exception as exc:
        message = f"Redis at {REDIS_URL} is unreachable: {exc}"
        if REQUIRE_REDIS:
            pytest.fail(message)
        pytest.skip(message)
    finally:
        await client.aclose()
    return REDIS_URL


@contextlib.asynccontextmanager
async def instance(
    store: Store, redis_url: str, engine: AsyncEngine | None = None
) -> AsyncIterator[httpx.AsyncClient]:
    """One LaunchGraph instance on the store's database (its own engine unless given)."""
    own = engine is None
    db = engine or make_engine(store.url)
    # REDIS_URL serves the rate limits (issue 9) and the response cache alike.
    limits = dataclasses.replace(RequestLimits(), redis_url=redis_url)
    app = create_app(Settings(database_url=store.url, limits=limits), engine=db)
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://lg") as client:
                if store.backend == "postgresql":
                    await _until_version_known(client)
                yield client
    finally:
        if own:
            await db.dispose()


async def ask(client: httpx.AsyncClient, query: str) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def count(client: httpx.AsyncClient) -> int:
    return int((await ask(client, COUNT))["launches"]["totalCount"])


def new_launch(tmp_path: Path) -> Path:
    launch_id = str(uuid.uuid4())
    path = tmp_path / f"{launch_id}.json"
    launch = {
        "id": launch_id,
        "url": f"https://ll.thespacedevs.com/2.2.0/launch/{launch_id}/",
        "name": f"Electron | Scale-out {launch_id[:8]}",
        "last_updated": "2025-05-01T00:00:00Z",
        "net": "2099-07-01T12:00:00Z",  # upcoming whatever the clock says
        "net_precision": {"id": 1, "name": "Minute", "abbrev": "MIN"},
    }
    path.write_text(json.dumps(launch))
    return path


async def until(client: httpx.AsyncClient, expected: int) -> int:
    # PostgreSQL: each instance hears the ingest's NOTIFY right after the commit.
    for _ in range(100):
        seen = await count(client)
        if seen == expected:
            return seen
        await asyncio.sleep(0.02)
    return await count(client)


async def test_an_ingest_through_either_is_seen_by_both(
    store: Store, redis_url: str, tmp_path: Path
) -> None:
    await ingest(store.engine, [sample_path()])
    engine_a, engine_b = make_engine(store.url), make_engine(store.url)
    try:
        async with (
            instance(store, redis_url, engine_a) as a,
            instance(store, redis_url, engine_b) as b,
        ):
            start = await count(a)
            assert await count(b) == start  # now cached in both tiers
            for step, through in enumerate((engine_a, engine_b), start=1):
                report = await ingest(through, [new_launch(tmp_path)])
                assert not report.errors
                assert await until(a, start + step) == start + step
                assert await until(b, start + step) == start + step
    finally:
        await engine_a.dispose()
        await engine_b.dispose()


async def test_an_answer_computed_by_one_is_served_by_the_other(
    store: Store, redis_url: str
) -> None:
    await ingest(store.engine, [sample_path()])
    async with instance(store, redis_url) as a, instance(store, redis_url) as b:
        with access_lines() as lines:
            computed = await ask(a, PAGE)
            shared = await ask(b, PAGE)
            again = await ask(b, PAGE)
    assert computed == shared == again
    by_a, by_b, by_b_again = lines
    assert by_a["cache"] == "miss" and by_a["sql_statements"] >= 1
    assert by_b["cache"] == "redis"
    # Served without reading the data (SQLite reads the data version; PostgreSQL is told).
    assert by_b["sql_statements"] <= (1 if store.backend == "sqlite" else 0)
    assert by_b_again["cache"] == "memory"


async def test_a_dead_redis_fails_no_request(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    dead = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    async with instance(store, dead) as a:
        with access_lines() as lines:
            first = await ask(a, PAGE)
            second = await ask(a, PAGE)
    assert first == second
    assert [line["status"] for line in lines] == [200, 200]
    assert [line["cache"] for line in lines] == ["miss", "memory"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def redis_errors() -> float:
    return REGISTRY.get_sample_value("launchgraph_shared_cache_errors_total") or 0.0


@contextlib.contextmanager
def private_redis() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A Redis server of this test's own, so the test can stop it."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    cmd = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.1):
                break
            server.poll()
            if server.returncode is not None:
                pytest.fail("redis-server did not start")
            subprocess.run(["sleep", "0.05"], check=True)
        yield f"redis://127.0.0.1:{port}/0", server
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(timeout=10)


async def test_redis_stopping_mid_test_fails_no_request(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    errors_before = redis_errors()
    with private_redis() as (url, server):
        async with instance(store, url) as a, instance(store, url) as b:
            with access_lines() as lines:
                expected = await ask(a, PAGE)
                assert await ask(b, PAGE) == expected  # through Redis
                server.kill()
                server.wait(timeout=10)
                assert await ask(a, PAGE) == expected  # its memory
                assert await ask(a, COUNT) == await ask(b, COUNT)  # Redis gone: computed
                assert await ask(b, COUNT) == await ask(a, COUNT)  # and then remembered
    assert all(line["status"] == 200 for line in lines)
    assert redis_errors() > errors_before  # noted, not failed
    caches = [line["cache"] for line in lines]
    assert caches == ["miss", "redis", "memory", "miss", "miss", "memory", "memory"]


async def test_reads_go_to_the_read_replica(
    store: Store, postgres: Any, sqlite_template: Path, tmp_path: Path
) -> None:
    """DATABASE_READ_URL: GraphQL reads (and their cache) follow the replica's data and
    version; the primary is what ingests write to."""
    replica, replica_db = await open_store(store.backend, postgres, sqlite_template, tmp_path)
    try:
        await ingest(replica.engine, [sample_path()])  # the replica has data, the primary none
        settings = Settings(database_url=store.url, database_read_url=replica.url)
        app = create_app(settings, engine=store.engine)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://lg") as client:
                served = await count(client)
                assert served > 0
                assert await count(client) == served  # cached under the replica's version
                # The replica catches up with a new ingest: no NOTIFY reaches a standby, yet
                # the next answer follows the replica's own version.
                await ingest(replica.engine, [new_launch(tmp_path)])
                assert await count(client) == served + 1
                calendar = await client.get("/calendar.ics", params={"kind": "launch"})
                assert calendar.status_code == 200 and b"Scale-out" in calendar.content
    finally:
        await replica.engine.dispose()
        if replica_db:
            await postgres.drop(replica_db)
    async with store.engine.connect() as conn:
        assert await read_version(conn) == 0  # nothing was written to the primary
