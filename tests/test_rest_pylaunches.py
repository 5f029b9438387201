"""An unchanged LL2 client against LaunchGraph: `pylaunches` (the library Home Assistant uses)
pointed at a LaunchGraph served by uvicorn on a loopback port."""

from __future__ import annotations

import asyncio
import socket

import pylaunches
import pylaunches.api
import pytest
import uvicorn

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.settings import Settings
from tests.conftest import Store
from tests.gql_helpers import FIXED_NOW, load


async def test_pylaunches_reads_upcoming_launches_and_events(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    await load(store, sample_path())
    app = create_app(Settings(database_url=store.url), engine=store.engine, clock=lambda: FIXED_NOW)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        monkeypatch.setattr(pylaunches.api, "BASE_URL", f"http://127.0.0.1:{port}")
        async with pylaunches.PyLaunches() as client:
            launches = await client.launch_upcoming(filters={"limit": "5"})
            events = await client.event_upcoming()
            previous = await client.event_previous(filters={"limit": "3"})
            everything = await client.event()
    finally:
        server.should_exit = True
        await serving
        sock.close()
    assert len(launches) <= 5 and all(launch["net"] >= "2026-07-31" for launch in launches)
    assert launches[0]["launch_service_provider"]["name"]
    assert len(events) == 10 and events[0]["date"] >= "2026-07-31"
    assert len(previous) == 3 and len(everything) == 10
