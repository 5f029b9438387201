"""The response cache: identical requests are answered from memory until the data version
changes; clock-dependent answers only for the same instant; GET answers carry ETags."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.db.ingest.run import ingest
from launchgraph.settings import Settings
from tests.asgi_scope import http_scope
from tests.conftest import Store, need_seeds
from tests.gql_helpers import count_statements

COUNT = "{ events { totalCount } }"
UPCOMING = "{ upcomingEvents(first: 3) { nodes { ll2Id } } }"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@contextlib.asynccontextmanager
async def served(
    store: Store, clock: Clock, cache: bool = True
) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(database_url=store.url, response_cache=cache, cache_max_age=60)
    app = create_app(settings, engine=store.engine, clock=clock)
    async with app.router.lifespan_context(app):  # starts the data version listener
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            if cache and store.backend == "postgresql":
                await _until_version_known(client)
            yield client


async def _until_version_known(client: httpx.AsyncClient) -> None:
    # The listener connects in the background; until then nothing is cached (never stale).
    for _ in range(100):
        await client.post("/graphql", json={"query": COUNT})
        if await _cached(client):
            return
        await asyncio.sleep(0.05)
    pytest.fail("the data version listener never came up")


async def _cached(client: httpx.AsyncClient) -> bool:
    app = client._transport.app  # type: ignore[attr-defined]
    endpoint = app.routes[0].endpoint.__self__
    return endpoint.cache is not None and len(endpoint.cache) > 0


async def total(client: httpx.AsyncClient) -> int:
    response = await client.post("/graphql", json={"query": COUNT})
    assert response.status_code == 200, response.text
    return response.json()["data"]["events"]["totalCount"]


async def test_identical_requests_are_answered_from_memory(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    async with served(store, Clock()) as client:
        first = await total(client)
        with count_statements(store) as statements:
            again = await total(client)
        assert again == first
        # At most the read of the data version (SQLite); no query of the data itself.
        assert all("data_version" in s for s in statements), statements


async def test_an_ingest_invalidates_at_once(store: Store) -> None:
    seeds = need_seeds()
    await ingest(store.engine, [sample_path()])
    async with served(store, Clock()) as client:
        before = await total(client)
        page = seeds / "event-upcoming-2.0.0-offset10.json"
        report = await ingest(store.engine, [page])
        assert not report.errors
        expected = len(
            {e["id"] for e in json.loads(sample_path().read_text())["results"]}
            | {e["id"] for e in json.loads(page.read_text())["results"]}
        )
        for _ in range(100):  # PostgreSQL: the NOTIFY arrives right after the commit
            if await total(client) != before:
                break
            await asyncio.sleep(0.02)
        assert await total(client) == expected


async def test_clock_dependent_answers_are_kept_for_their_instant_only(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    clock = Clock()
    async with served(store, clock) as client:
        await client.post("/graphql", json={"query": UPCOMING})
        with count_statements(store) as same_instant:
            await client.post("/graphql", json={"query": UPCOMING})
        assert all("data_version" in s for s in same_instant), same_instant
        clock.now += timedelta(seconds=1)
        with count_statements(store) as next_second:
            await client.post("/graphql", json={"query": UPCOMING})
        assert any("event" in s and "data_version" not in s for s in next_second)


async def test_get_answers_carry_an_etag_and_honour_if_none_match(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    async with served(store, Clock()) as client:
        first = await client.get("/graphql", params={"query": COUNT})
        assert first.status_code == 200
        etag = first.headers["etag"]
        assert first.headers["cache-control"] == "max-age=60"
        again = await client.get(
            "/graphql", params={"query": COUNT}, headers={"if-none-match": etag}
        )
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
        other = await client.get(
            "/graphql", params={"query": COUNT}, headers={"if-none-match": '"stale"'}
        )
        assert other.status_code == 200
        assert other.json() == first.json()


async def test_cache_off_queries_every_time(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    async with served(store, Clock(), cache=False) as client:
        await total(client)
        with count_statements(store) as statements:
            await total(client)
        assert any("count" in s.lower() for s in statements)


async def test_a_hit_is_answered_before_the_endpoint_with_the_same_response(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached POST is answered by the CachedAnswers middleware (the endpoint's per-request
    machinery, such as the record of running requests, is not entered), with the answer, status
    and headers the endpoint gives; requests it does not answer reach the endpoint intact."""
    from launchgraph import graphql_http

    entered: list[str] = []
    running = graphql_http.inflight.running

    def spy(description: str) -> contextlib.AbstractContextManager[None]:
        entered.append(description)
        return running(description)

    monkeypatch.setattr(graphql_http.inflight, "running", spy)
    await ingest(store.engine, [sample_path()])
    body = {"query": "query Count($n: Int) { events(first: $n) { totalCount } }"}
    body["variables"] = {"n": 2}  # type: ignore[assignment]
    async with served(store, Clock()) as client:
        first = await client.post("/graphql", json=body)
        entered.clear()
        with count_statements(store) as statements:
            again = await client.post("/graphql", json=body)
        assert entered == []
        assert all("data_version" in s for s in statements), statements
        assert again.status_code == first.status_code == 200
        assert again.content == first.content
        assert again.headers["launchgraph-executor"] == first.headers["launchgraph-executor"]
        assert again.headers["content-type"] == first.headers["content-type"]
        # Other variables: not cached, so the endpoint answers, with the body it was sent.
        other = await client.post("/graphql", json={**body, "variables": {"n": 3}})
        assert entered != []
        assert other.json()["data"] == first.json()["data"]
        # Not JSON: the endpoint's own error, not a hit nor a failure of the middleware.
        bad = await client.post(
            "/graphql", content=b"{", headers={"content-type": "application/json"}
        )
        assert bad.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_repeated_request_is_answered_from_its_bytes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hit is found by the request's bytes, without parsing them; another spelling of the
    same request is parsed once, answered from the cache, then found by its own bytes too.
    Hits keep the headers of the rest of the stack (CORS) and are charged (rate limit)."""
    from launchgraph import graphql_http

    parsed: list[dict[str, object]] = []
    check = graphql_http._check

    def spy(params: dict[str, object]) -> object:
        parsed.append(params)
        return check(params)

    monkeypatch.setattr(graphql_http, "_check", spy)
    await ingest(store.engine, [sample_path()])
    origin = "https://app.example"
    base = Settings(database_url=store.url, response_cache=True, cors_origins=(origin,))
    settings = replace(base, limits=replace(base.limits, rate_limit="1000/hour"))
    app = create_app(settings, engine=store.engine, clock=Clock())
    headers = {"content-type": "application/json", "origin": origin}
    one, other = b'{"query": "%s"}' % COUNT.encode(), b'{ "query" : "%s" }' % COUNT.encode()
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            if store.backend == "postgresql":
                await _until_version_known(client)
            first = await client.post("/graphql", content=one, headers=headers)
            parsed.clear()
            with count_statements(store) as statements:
                hit = await client.post("/graphql", content=one, headers=headers)
                assert parsed == []
                respelled = await client.post("/graphql", content=other, headers=headers)
                assert len(parsed) == 1
                again = await client.post("/graphql", content=other, headers=headers)
                assert len(parsed) == 1
            assert all("data_version" in s for s in statements), statements
    for response in (hit, respelled, again):
        assert response.content == first.content
        assert response.headers["access-control-allow-origin"] == origin
        assert response.headers["content-type"] == "application/json"
        assert response.headers["launchgraph-executor"] == first.headers["launchgraph-executor"]
    remaining = [int(r.headers["x-ratelimit-remaining"]) for r in (first, hit, respelled, again)]
    assert remaining == sorted(remaining, reverse=True) and len(set(remaining)) == 4


async def test_a_body_in_several_messages_is_read_whole(store: Store) -> None:
    """A server may hand the body over in several messages: the hit is found all the same; a
    client that leaves before its body is read gets no answer and breaks nothing."""
    await ingest(store.engine, [sample_path()])
    body = json.dumps({"query": COUNT}).encode()
    async with served(store, Clock()) as client:
        first = await client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        app = client._transport.app  # type: ignore[attr-defined]
        for chunks in ([body[:5], body[5:20], body[20:]], [body]):
            sent = await _asgi_post(app, body, chunks)
            assert sent[0]["status"] == 200
            assert b"".join(m.get("body", b"") for m in sent[1:]) == first.content
        assert await _asgi_post(app, body, []) == []


async def _asgi_post(app: Any, body: bytes, chunks: list[bytes]) -> list[dict[str, Any]]:
    """POST /graphql straight to the ASGI app, its body in `chunks` (none: the client left)."""
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    scope = http_scope("POST", "/graphql", headers=headers)
    messages = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks)
    ] or [{"type": "http.disconnect"}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent
