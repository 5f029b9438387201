"""Subscriptions over graphql-transport-ws: eventChanged / launchChanged deliver exactly the
objects an ingest changed, once, to subscribers of every server on the database.

PostgreSQL: two `launchgraph serve` processes, real websocket clients, an ingest from a third
process in between (LISTEN/NOTIFY carries the ids). SQLite: the ingest runs in the server's own
process (there is no NOTIFY)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.db.ingest.run import ingest
from launchgraph.settings import Settings
from tests.conftest import Store, open_store
from tests.test_operations import _free_port

PROTOCOL = "graphql-transport-ws"
SUBSCRIPTIONS = {
    "l": "subscription { launchChanged { ll2Id name net status { abbrev } } }",
    "e": "subscription { eventChanged { ll2Id name launches { ll2Id } } }",
    "f": "subscription($ids: [String!]) { launchChanged(filter: {ids: $ids}) { ll2Id name } }",
    "u": "subscription { launchChanged(upcoming: true) { ll2Id } }",
}


def _event(sample: dict[str, Any], updated: str, name: str) -> dict[str, Any]:
    event = json.loads(json.dumps(sample))
    event["last_updated"], event["name"] = updated, name
    return event


def _launch(launch_id: str, name: str, net: str = "2099-01-01T00:00:00Z") -> dict[str, Any]:
    return {
        "id": launch_id,
        "url": f"https://ll.thespacedevs.com/2.2.0/launch/{launch_id}/",
        "name": name,
        "last_updated": "2025-05-01T00:00:00Z",
        "net": net,
        "status": {"id": 1, "name": "Go for Launch", "abbrev": "Go"},
    }


class Scenario:
    """One ingest that changes an event (not its launches) and adds two launches (one long
    flown), beside objects it repeats unchanged; then a sentinel ingest, whose arrival on every
    subscription means all earlier deliveries are in."""

    def __init__(self, tmp_path: Path) -> None:
        events = json.loads(sample_path().read_text())["results"]
        self.tmp_path = tmp_path
        self.event = events[0]
        self.new_launch = str(uuid.uuid4())
        self.past_launch = str(uuid.uuid4())
        self.sentinel_launch = str(uuid.uuid4())
        self.sentinel_event = events[1]
        self.repeated = events[2]

    def file(self, name: str, objects: list[dict[str, Any]]) -> Path:
        path = self.tmp_path / f"{name}.json"
        path.write_text(json.dumps({"count": len(objects), "results": objects}))
        return path

    def change(self) -> Path:
        moved = _event(self.event, "2099-01-01T00:00:00Z", "Changed by the ingest")
        new = _launch(self.new_launch, "Electron | New")
        past = _launch(self.past_launch, "Vanguard | Past", "1958-03-17T12:15:41Z")
        return self.file("change", [moved, self.repeated, new, past])

    def sentinel(self) -> Path:
        event = _event(self.sentinel_event, "2099-01-02T00:00:00Z", "Sentinel")
        return self.file("sentinel", [event, _launch(self.sentinel_launch, "Electron | Sentinel")])

    def variables(self) -> dict[str, Any]:
        return {"ids": [self.new_launch, self.sentinel_launch]}

    def done(self, got: dict[str, list[dict[str, Any]]]) -> bool:
        return all(any(m["ll2Id"] == self.sentinel_launch for m in got[k]) for k in "lfu") and any(
            m["ll2Id"] == str(self.sentinel_event["id"]) for m in got["e"]
        )

    def check(self, got: dict[str, list[dict[str, Any]]]) -> None:
        launches = [m["ll2Id"] for m in got["l"]]
        # One change delivers in the list's order: by NET.
        assert launches == [self.past_launch, self.new_launch, self.sentinel_launch], got["l"]
        assert got["l"][1]["status"] == {"abbrev": "Go"}
        assert [m["ll2Id"] for m in got["f"]] == [self.new_launch, self.sentinel_launch]
        assert [m["ll2Id"] for m in got["u"]] == [self.new_launch, self.sentinel_launch]
        events = [m["ll2Id"] for m in got["e"]]
        assert events == [str(self.event["id"]), str(self.sentinel_event["id"])], got["e"]
        assert got["e"][0]["name"] == "Changed by the ingest"  # read after the change
        assert {la["ll2Id"] for la in got["e"][0]["launches"]} == {
            la["id"] for la in self.event["launches"]
        }


def _subscribe_messages(variables: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": key,
            "type": "subscribe",
            "payload": {"query": query, "variables": variables if key == "f" else {}},
        }
        for key, query in SUBSCRIPTIONS.items()
    ]


def _take(message: dict[str, Any], got: dict[str, list[dict[str, Any]]]) -> None:
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    data = message["payload"]["data"]
    got[message["id"]].append(next(iter(data.values())))


def _subscriptions(metrics_text: str) -> float:
    for family in text_string_to_metric_families(metrics_text):
        for sample in family.samples:
            if sample.name == "launchgraph_subscriptions":
                return sample.value
    return 0.0


async def _one_store(
    backend: str, postgres: Any, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[Store]:
    st, pg_name = await open_store(backend, postgres, sqlite_template, tmp_path)
    yield st
    await st.engine.dispose()
    if pg_name:
        await postgres.drop(pg_name)


@pytest.fixture
async def postgres_store(
    postgres: Any, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[Store]:
    """Only PostgreSQL: across processes, changes travel by LISTEN/NOTIFY."""
    async for st in _one_store("postgresql", postgres, sqlite_template, tmp_path):
        yield st


@pytest.fixture
async def sqlite_store(
    postgres: Any, sqlite_template: Path, tmp_path: Path
) -> AsyncIterator[Store]:
    """Only SQLite: changes reach the feeds of the ingesting process."""
    async for st in _one_store("sqlite", postgres, sqlite_template, tmp_path):
        yield st


# --- PostgreSQL: two server processes ----------------------------------------------------


@contextlib.contextmanager
def server(url: str) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "LAUNCHGRAPH_ACCESS_LOG": "0"}
    cmd = [sys.executable, "-m", "launchgraph", "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield port, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


async def _until_up(port: int) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            with contextlib.suppress(httpx.TransportError):
                if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                    return
            await asyncio.sleep(0.1)
    pytest.fail(f"the server on port {port} never came up")


async def _until_subscribed(port: int, count: int) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            metrics = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
            if _subscriptions(metrics) >= count:
                return
            await asyncio.sleep(0.05)
    pytest.fail(f"the subscriptions on port {port} never started")


@contextlib.asynccontextmanager
async def subscriber(port: int, variables: dict[str, Any]) -> AsyncIterator[Any]:
    async with websockets.connect(f"ws://127.0.0.1:{port}/graphql", subprotocols=[PROTOCOL]) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        for message in _subscribe_messages(variables):
            await ws.send(json.dumps(message))
        await _until_subscribed(port, len(SUBSCRIPTIONS))
        yield ws


async def _collect(ws: Any, scenario: Scenario) -> dict[str, list[dict[str, Any]]]:
    got: dict[str, list[dict[str, Any]]] = {key: [] for key in SUBSCRIPTIONS}
    while not scenario.done(got):
        try:
            message = await asyncio.wait_for(ws.recv(), 30)
        except TimeoutError:
            pytest.fail(f"the sentinel never arrived; got {got}")
        _take(json.loads(message), got)
    return got


async def test_two_servers_deliver_exactly_the_changes_once(
    postgres_store: Store, tmp_path: Path
) -> None:
    store = postgres_store
    await ingest(store.engine, [sample_path()])
    scenario = Scenario(tmp_path)
    with server(store.url) as (port_a, proc_a), server(store.url) as (port_b, _):
        await asyncio.gather(_until_up(port_a), _until_up(port_b))
        async with (
            subscriber(port_a, scenario.variables()) as ws_a,
            subscriber(port_b, scenario.variables()) as ws_b,
        ):
            assert not (await ingest(store.engine, [scenario.change()])).errors
            assert not (await ingest(store.engine, [scenario.sentinel()])).errors
            got_a, got_b = await asyncio.gather(_collect(ws_a, scenario), _collect(ws_b, scenario))
            scenario.check(got_a)
            scenario.check(got_b)
            # Shutting a server down closes its websockets cleanly (clients reconnect).
            proc_a.send_signal(signal.SIGTERM)
            with pytest.raises(websockets.ConnectionClosed) as closed:
                while True:
                    await asyncio.wait_for(ws_a.recv(), 30)
            assert closed.value.rcvd is not None, "the server sent a close frame"
            assert closed.value.rcvd.code in (1001, 1012)
            # uvicorn shuts down gracefully, then re-raises the signal it caught.
            assert await asyncio.to_thread(proc_a.wait, 30) in (0, -signal.SIGTERM)
            assert proc_a.stderr is not None
            assert b"Traceback" not in proc_a.stderr.read()


async def test_connections_per_client_are_limited(postgres_store: Store) -> None:
    store = postgres_store
    with server(store.url) as (port, _):
        await _until_up(port)
        url = f"ws://127.0.0.1:{port}/graphql"
        async with contextlib.AsyncExitStack() as stack:
            for _ in range(Settings().ws_per_client):
                await stack.enter_async_context(websockets.connect(url, subprotocols=[PROTOCOL]))
            with pytest.raises(websockets.InvalidStatus) as refused:
                async with websockets.connect(url, subprotocols=[PROTOCOL]):
                    pass
            assert refused.value.response.status_code == 403


# --- SQLite: in the server's own process --------------------------------------------------


async def test_an_ingest_in_process_is_delivered_on_sqlite(
    sqlite_store: Store, tmp_path: Path
) -> None:
    store = sqlite_store
    await ingest(store.engine, [sample_path()])
    scenario = Scenario(tmp_path)
    app = create_app(Settings(database_url=store.url, access_log=False))
    with TestClient(app) as client, client.websocket_connect("/graphql", [PROTOCOL]) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        for message in _subscribe_messages(scenario.variables()):
            ws.send_json(message)
        for _ in range(300):
            if _subscriptions(client.get("/metrics").text) >= len(SUBSCRIPTIONS):
                break
            await asyncio.sleep(0.05)
        assert not (await ingest(store.engine, [scenario.change()])).errors
        assert not (await ingest(store.engine, [scenario.sentinel()])).errors
        got: dict[str, list[dict[str, Any]]] = {key: [] for key in SUBSCRIPTIONS}
        while not scenario.done(got):
            _take(ws.receive_json(), got)
        scenario.check(got)


async def test_a_bad_filter_is_a_graphql_error(sqlite_store: Store) -> None:
    store = sqlite_store
    app = create_app(Settings(database_url=store.url, access_log=False))
    with TestClient(app) as client, client.websocket_connect("/graphql", [PROTOCOL]) as ws:
        ws.send_json({"type": "connection_init"})
        assert ws.receive_json()["type"] == "connection_ack"
        query = "subscription { eventChanged(filter: {month: 13}) { ll2Id } }"
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": query}})
        reply = ws.receive_json()
    errors = reply["payload"] if reply["type"] == "error" else reply["payload"]["errors"]
    assert errors[0]["message"] == "`month` must be between 1 and 12."
