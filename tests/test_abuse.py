"""Abusive requests: each is refused with its stable code, and a normal query answers right
after it. (How fast the refusals are is measured by bench/abuse.py, never asserted here.)"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.db.engine import make_engine
from launchgraph.db.ingest.run import ingest
from launchgraph.gql.loaders.request_db import RequestDB
from launchgraph.rate_limit import RateLimiter
from launchgraph.request_limits import RequestLimits
from launchgraph.settings import Settings
from tests.asgi_scope import http_scope
from tests.conftest import Store
from tests.gql_helpers import FIXED_NOW

NORMAL = "{ upcomingEvents(first: 3) { totalCount nodes { name launches { name } } } }"
REDIS_URL = "redis://127.0.0.1:6379"


def settings_for(store: Store, **limits: Any) -> Settings:
    base = RequestLimits(rate_limit="0")
    return Settings(
        database_url=store.url,
        response_cache=True,
        limits=dataclasses.replace(base, **limits),
    )


@contextlib.asynccontextmanager
async def serve(settings: Settings, store: Store) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, engine=store.engine, clock=lambda: FIXED_NOW)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


@pytest.fixture
async def loaded(store: Store) -> Store:
    report = await ingest(store.engine, [sample_path()])
    assert not report.errors
    return store


def codes(resp: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in resp.json().get("errors", [])]


async def answers_normally(client: httpx.AsyncClient) -> None:
    resp = await client.post("/graphql", json={"query": NORMAL})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert "errors" not in body, body
    assert body["data"]["upcomingEvents"]["totalCount"] > 0
    assert body["extensions"]["cost"]["nodes"] == 3 + 3


def deep(levels: int) -> str:
    """events -> nodes -> launches -> events -> launches ... -> name, `levels` fields deep."""
    fields = (["events", "nodes"] + ["launches", "events"] * levels)[: levels - 1]
    return "{ " + " { ".join(fields) + " { name }" + " }" * (levels - 2) + " }"


def aliases(count: int) -> str:
    return (
        "{ " + " ".join(f"a{i}: events(first: 100) {{ totalCount }}" for i in range(count)) + " }"
    )


NESTED_PAGES = """{ events(first: 100) { nodes { programs { events(first: 100) { nodes {
  programs { events(first: 100) { nodes { name } } } } } } } } }"""
CYCLE = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"
DIRECTIVES = "{ events { " + "... @include(if: true) { totalCount } " * 60 + "} }"

# (query, expected code): refused by the cost limits or validation, before any SQL.
REFUSED_QUERIES = [
    (deep(11), "MAX_DEPTH_EXCEEDED"),
    (deep(20), "MAX_DEPTH_EXCEEDED"),
    (deep(100), "MAX_DEPTH_EXCEEDED"),
    (NESTED_PAGES, "MAX_NODES_EXCEEDED"),
    (aliases(1000), "MAX_ALIASES_EXCEEDED"),
    (CYCLE, "GRAPHQL_VALIDATION_FAILED"),
    (DIRECTIVES, "MAX_DIRECTIVES_EXCEEDED"),
    ("{ events @skip(if: false) @skip(if: false) { totalCount } }", "GRAPHQL_VALIDATION_FAILED"),
    ("{ " + "a{" * 3000 + "b" + "}" * 3001, "GRAPHQL_PARSE_FAILED"),
]


async def test_costly_queries_are_refused_with_their_code(loaded: Store) -> None:
    # Limits raised so each case meets the one limit it is about (the directive spam also
    # has 60 aliases, 1,000 aliases also mean 100,000 nodes).
    settings = settings_for(loaded, max_body_bytes=1 << 20)
    wrong = {}
    async with serve(settings, loaded) as client:
        for query, code in REFUSED_QUERIES:
            resp = await client.post("/graphql", json={"query": query})
            if code not in codes(resp) or "data" in resp.json():
                wrong[query[:60]] = resp.text[:300]
            await answers_normally(client)
    assert wrong == {}


async def test_refusals_name_the_limit_and_the_figure(loaded: Store) -> None:
    async with serve(settings_for(loaded), loaded) as client:
        resp = await client.post(
            "/graphql",
            json={"query": NESTED_PAGES},
            headers={"accept": "application/graphql-response+json"},
        )
    assert resp.status_code == 400
    (error,) = resp.json()["errors"]
    assert error["extensions"] == {
        "code": "MAX_NODES_EXCEEDED",
        "limit": 50_000,
        "value": 1_020_200,
    }
    assert "1,020,200" in error["message"]
    assert resp.json()["extensions"]["cost"]["nodes"] == 1_020_200


async def test_limits_are_settings(loaded: Store) -> None:
    cost = dataclasses.replace(RequestLimits().cost, max_depth=3)
    async with serve(settings_for(loaded, cost=cost), loaded) as client:
        resp = await client.post("/graphql", json={"query": deep(4)})
        assert codes(resp) == ["MAX_DEPTH_EXCEEDED"]
        resp = await client.post("/graphql", json={"query": deep(3)})
        assert "errors" not in resp.json()


async def _chunks(total: int, sent: list[int], size: int = 64 * 1024) -> AsyncIterator[bytes]:
    yield b'{"query": "{ events { totalCount } }", "pad": "'
    while sent[0] < total:
        sent[0] += size
        yield b"x" * size
    yield b'"}'


async def test_large_bodies_are_refused_before_being_read(loaded: Store) -> None:
    async with serve(settings_for(loaded), loaded) as client:
        for total in (1 << 20, 10 << 20):
            # Streamed without a length: refused once the cap is passed, not at the end.
            sent = [0]
            resp = await client.post(
                "/graphql",
                content=_chunks(total, sent),
                headers={"content-type": "application/json"},
            )
            assert resp.status_code == 413
            assert codes(resp) == ["REQUEST_TOO_LARGE"]
            assert sent[0] <= 2 * 64 * 1024
            # With a declared length: refused before anything is read.
            sent = [0]
            resp = await client.post(
                "/graphql",
                content=b"x" * total,
                headers={"content-type": "application/json"},
            )
            assert resp.status_code == 413
            await answers_normally(client)
        # 10,000 aliases do not fit in a body.
        resp = await client.post("/graphql", json={"query": aliases(10_000)})
        assert codes(resp) == ["REQUEST_TOO_LARGE"]
        await answers_normally(client)
    # A GET's query string has the same cap (lowered here: HTTP clients cap URLs themselves).
    async with serve(settings_for(loaded, max_body_bytes=16 * 1024), loaded) as client:
        resp = await client.get("/graphql", params={"query": aliases(1000)})
        assert (resp.status_code, codes(resp)) == (414, ["REQUEST_TOO_LARGE"])
        await answers_normally(client)


def nested(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = {"a": [value]}
    return value


async def test_deeply_nested_or_huge_variables_are_a_400(loaded: Store) -> None:
    query = "query($v: String) { events { totalCount } }"
    async with serve(settings_for(loaded), loaded) as client:
        for levels in (20, 254, 512, 1024):
            # Built by hand: the client's own JSON encoder stops at its recursion limit.
            value = '{"a": [' * levels + "1" + "]}" * levels
            body = '{"query": "' + query + '", "variables": {"v": ' + value + "}}"
            resp = await client.post(
                "/graphql", content=body, headers={"content-type": "application/json"}
            )
            assert resp.status_code == 400, resp.text
            assert codes(resp) in (["VARIABLES_TOO_DEEP"], ["BAD_REQUEST"])
            await answers_normally(client)
        resp = await client.get(
            "/graphql", params={"query": query, "variables": json.dumps({"v": nested(200)})}
        )
        assert (resp.status_code, codes(resp)) == (400, ["VARIABLES_TOO_DEEP"])
        resp = await client.post(
            "/graphql", json={"query": query, "variables": {"v": [0] * 12_000}}
        )
        assert (resp.status_code, codes(resp)) == (400, ["VARIABLES_TOO_LARGE"])
        await answers_normally(client)


async def test_distinct_requests_cannot_grow_the_caches(loaded: Store) -> None:
    settings = settings_for(loaded, response_cache_bytes=256 * 1024, query_cache_bytes=512 * 1024)
    app = create_app(settings, engine=loaded.engine, clock=lambda: FIXED_NOW)
    endpoint = app.routes[0].endpoint.__self__  # type: ignore[attr-defined]
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            for i in range(60):
                # A distinct, unused 30 KB variable: each would be a new response cache key.
                pad = f"{i}-" + "x" * 30_000
                resp = await client.post(
                    "/graphql",
                    json={"query": "{ events { totalCount } }", "variables": {"pad": pad}},
                )
                assert resp.status_code == 200
                # A distinct 4 KB query text: each would be a new parse cache entry.
                query = "{ events { totalCount } }" + f"# {i} " + "y" * 4000
                resp = await client.post("/graphql", json={"query": query})
                assert resp.status_code == 200
            sizes = endpoint.cache_sizes()
            await answers_normally(client)
    assert 0 < sizes["response"]["bytes"] <= 256 * 1024
    assert sizes["response"]["entries"] < 60
    assert 0 < sizes["query"]["bytes"] <= 512 * 1024
    assert sizes["query"]["entries"] < 60


async def test_the_statement_cache_is_bounded_in_bytes(loaded: Store) -> None:
    limit = 1024 * 1024
    settings = dataclasses.replace(
        settings_for(loaded, statement_cache_bytes=limit), response_cache=False
    )
    app = create_app(settings, engine=loaded.engine, clock=lambda: FIXED_NOW)
    endpoint = app.routes[0].endpoint.__self__  # type: ignore[attr-defined]
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            answers = []
            for _ in range(2):
                resp = await client.post("/graphql", json={"query": NORMAL})
                answers.append(resp.json())
                answers.append(endpoint.cache_sizes()["statement"])
            # Repeated, the request runs its driver SQL and lets its statement go.
            assert answers[0] == answers[2]
            assert answers[1]["entries"] == answers[3]["entries"] == 1
            assert 0 < answers[3]["bytes"] < answers[1]["bytes"]
            for i in range(10):
                # Unused variables do not make a request another statement.
                resp = await client.post("/graphql", json={"query": NORMAL, "variables": {"u": i}})
                assert resp.json() == answers[0]
            assert endpoint.cache_sizes()["statement"]["entries"] == 1
            query = "query ($n: Int) { events(first: $n) { nodes { name } } }"
            for n in range(1, 41):
                # Each page size is a statement of its own.
                resp = await client.post("/graphql", json={"query": query, "variables": {"n": n}})
                assert resp.headers["launchgraph-executor"] == "compiled"
                assert len(resp.json()["data"]["events"]["nodes"]) == n
            sizes = endpoint.cache_sizes()["statement"]
            await answers_normally(client)
    assert 0 < sizes["bytes"] <= sizes["max_bytes"] == limit
    assert sizes["entries"] < 40


async def test_the_rest_statement_cache_is_bounded_in_bytes(loaded: Store) -> None:
    limit = 4 * 1024 * 1024
    settings = dataclasses.replace(
        settings_for(loaded, statement_cache_bytes=limit), response_cache=False
    )
    async with serve(settings, loaded) as client:
        for offset in range(20):
            # Each list address is a statement of its own (about 0.6 MB, estimated).
            resp = await client.get("/2.2.0/agencies/", params={"offset": offset})
            assert resp.status_code == 200
            assert len(resp.json()["results"]) > 0 or offset > 0
        resp = await client.get("/metrics")
        await answers_normally(client)
    sizes = {
        sample.labels["measure"]: sample.value
        for family in text_string_to_metric_families(resp.text)
        for sample in family.samples
        if sample.name == "launchgraph_cache_size" and sample.labels["cache"] == "rest_statement"
    }
    assert 0 < sizes["bytes"] <= sizes["max_bytes"] == limit
    assert 0 < sizes["entries"] < 20


async def test_a_cancelled_statement_stops_in_the_database(store: Store) -> None:
    """A request cancelled mid-statement (deadline, client gone) stops the statement too:
    this one never ends by itself."""
    forever = {
        "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        "SELECT count(*) FROM c",
        "postgresql": "SELECT pg_sleep(3600)",
    }[store.backend]
    db = RequestDB(store.engine)

    async def run() -> None:
        async with db.connection() as conn:
            await conn.execute(text(forever))

    task = asyncio.ensure_future(db.stoppable(run()))
    await asyncio.sleep(0.5)  # the statement is running
    task.cancel()
    # Without the interrupt, SQLite's driver cleans up behind the endless statement.
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 60)
    await db.close(broken=True)
    async with store.engine.connect() as conn:
        for _ in range(100):
            running = 0
            if store.backend == "postgresql":
                sql = "SELECT count(*) FROM pg_stat_activity WHERE query = :q AND state = 'active'"
                running = (await conn.execute(text(sql), {"q": forever})).scalar_one()
            if not running:
                break
            await asyncio.sleep(0.1)
        assert running == 0
        assert (await conn.execute(text("SELECT 1"))).scalar_one() == 1


async def test_a_request_past_its_time_budget_is_cancelled(loaded: Store) -> None:
    async with serve(settings_for(loaded, request_timeout=1e-9), loaded) as client:
        resp = await client.post("/graphql", json={"query": NORMAL})
        assert codes(resp) == ["REQUEST_TIMEOUT"]
    async with serve(settings_for(loaded), loaded) as client:
        await answers_normally(client)


async def test_statement_timeout_bounds_each_statement(store: Store) -> None:
    if store.backend != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    engine = make_engine(store.url, statement_timeout=0.05)
    try:
        async with engine.connect() as conn:
            with pytest.raises(DBAPIError, match="statement timeout"):
                await conn.execute(text("SELECT pg_sleep(2)"))
    finally:
        await engine.dispose()


async def test_work_stops_when_the_client_goes_away(loaded: Store) -> None:
    app = create_app(settings_for(loaded), engine=loaded.engine, clock=lambda: FIXED_NOW)
    endpoint = app.routes[0].endpoint.__self__  # type: ignore[attr-defined]
    started, cancelled = asyncio.Event(), asyncio.Event()

    async def slow_run(*_args: Any, **_kwargs: Any) -> Any:
        started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    endpoint.executor.run = slow_run
    body = json.dumps({"query": NORMAL}).encode()
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        await started.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = http_scope("POST", "/graphql", headers=[(b"content-type", b"application/json")])
    await asyncio.wait_for(app(scope, receive, send), timeout=10)
    assert cancelled.is_set()


async def test_rate_limit_in_process(loaded: Store) -> None:
    await _rate_limited(loaded, "")


async def test_rate_limit_shared_through_redis(loaded: Store) -> None:
    try:
        limiter = RateLimiter("1/second", REDIS_URL)
        await limiter.strategy.storage.check()
        if not await limiter.strategy.storage.check():
            raise ConnectionError
    except Exception:
        pytest.skip(f"no Redis at {REDIS_URL}")
    await _rate_limited(loaded, REDIS_URL)


async def _rate_limited(store: Store, redis_url: str) -> None:
    # A fresh API key per run: Redis keeps budgets across test runs.
    key = uuid.uuid4().hex
    settings = settings_for(
        store, rate_limit="20/hour", redis_url=redis_url, api_key_header="x-api-key"
    )
    async with serve(settings, store) as client:
        headers = {"x-api-key": key}
        first = await client.post("/graphql", json={"query": NORMAL}, headers=headers)
        assert first.status_code == 200
        assert first.headers["x-ratelimit-limit"] == "20"
        assert first.headers["x-ratelimit-remaining"] == "19"
        # 1,900 nodes: 19 points, the rest of the budget.
        big = "{ events(first: 100) { nodes { programs { events(first: 17) { totalCount } } } } }"
        resp = await client.post("/graphql", json={"query": big}, headers=headers)
        assert resp.status_code == 200, resp.text
        assert resp.headers["x-ratelimit-remaining"] == "0"
        refused = await client.post("/graphql", json={"query": NORMAL}, headers=headers)
        assert refused.status_code == 429
        assert codes(refused) == ["RATE_LIMITED"]
        assert int(refused.headers["retry-after"]) >= 1
        # Another client (key) has its own budget.
        other = await client.post(
            "/graphql", json={"query": NORMAL}, headers={"x-api-key": key + "-other"}
        )
        assert other.status_code == 200
        # A cached answer is charged too.
        again = await client.post("/graphql", json={"query": NORMAL}, headers=headers)
        assert again.status_code == 429


async def test_nothing_escapes_as_a_bare_500(
    loaded: Store, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(settings_for(loaded), engine=loaded.engine, clock=lambda: FIXED_NOW)
    endpoint = app.routes[0].endpoint.__self__  # type: ignore[attr-defined]

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("boom")

    endpoint.executor.prepare = broken  # GET checks the operation type outside the executor
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    with caplog.at_level(logging.ERROR):
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            resp = await client.get("/graphql", params={"query": NORMAL})
    assert resp.status_code == 500
    assert codes(resp) == ["INTERNAL_SERVER_ERROR"]
    assert "boom" not in resp.text
    assert "request failed" in caplog.text


async def test_introspection_can_be_switched_off(loaded: Store) -> None:
    query = "{ __schema { queryType { name } } }"
    async with serve(settings_for(loaded), loaded) as client:
        resp = await client.post("/graphql", json={"query": query})
        assert resp.json()["data"] == {"__schema": {"queryType": {"name": "Query"}}}
    off = dataclasses.replace(settings_for(loaded), introspection=False)
    async with serve(off, loaded) as client:
        resp = await client.post("/graphql", json={"query": query})
        assert set(codes(resp)) == {"GRAPHQL_VALIDATION_FAILED"}
        await answers_normally(client)


async def test_cors_is_configurable(loaded: Store) -> None:
    origin = "https://app.example"
    preflight = {"origin": origin, "access-control-request-method": "POST"}
    async with serve(settings_for(loaded), loaded) as client:
        resp = await client.options("/graphql", headers=preflight)
        assert "access-control-allow-origin" not in resp.headers
    on = dataclasses.replace(settings_for(loaded), cors_origins=(origin,))
    async with serve(on, loaded) as client:
        resp = await client.options("/graphql", headers=preflight)
        assert resp.headers["access-control-allow-origin"] == origin
        resp = await client.post("/graphql", json={"query": NORMAL}, headers={"origin": origin})
        assert resp.headers["access-control-allow-origin"] == origin


async def test_heavy_queries_take_turns(loaded: Store) -> None:
    settings = settings_for(loaded, heavy_nodes=50, heavy_concurrency=1)
    app = create_app(settings, engine=loaded.engine, clock=lambda: FIXED_NOW)
    endpoint = app.routes[0].endpoint.__self__  # type: ignore[attr-defined]
    run = endpoint.executor._execute
    seen: list[bool] = []

    async def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(endpoint.heavy_turns.locked())
        return await run(*args, **kwargs)

    endpoint.executor._execute = watched
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            await answers_normally(client)  # 6 nodes: light
            resp = await client.post(
                "/graphql", json={"query": "{ events(first: 60) { totalCount } }"}
            )
            assert "errors" not in resp.json()
    assert seen == [False, True]
    assert not endpoint.heavy_turns.locked()


async def test_a_connection_left_in_a_transaction_is_not_reused(store: Store) -> None:
    """What a statement cancelled at the wrong moment leaves behind: a pooled connection
    inside a transaction the driver opened and SQLAlchemy does not know of."""
    if store.backend != "postgresql":
        pytest.skip("a PostgreSQL driver state")
    engine = make_engine(store.url, pool_size=1, max_overflow=0)
    try:
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            await raw.driver_connection.execute("BEGIN")
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT 1"))).scalar() == 1
    finally:
        await engine.dispose()
