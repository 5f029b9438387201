#!/usr/bin/env python3
"""Drive LaunchGraph's ASGI app in process (no HTTP server) with one query, for
bench/instructions.sh: warms up, prints READY and its pid, waits for the file
/tmp/lg-instructions-go-PID, then runs the measured requests and writes PID's `.done` file.

    python bench/asgi_requests.py bench/queries/q5.json REQUESTS CONCURRENCY

The app is built as `launchgraph serve` builds it (LG_APP=served_app, the default) or as tests
do (LG_APP=create_app); DATABASE_URL and the LAUNCHGRAPH_* settings come from the environment.
A benchmark, not a test.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

import uvloop

from launchgraph import app as app_module

# One POST /graphql as uvicorn hands it to the app (the headers, with the body's length, added
# per request).
_SCOPE: dict[str, Any] = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1"}
_SCOPE |= {"method": "POST", "scheme": "http", "path": "/graphql", "raw_path": b"/graphql"}
_SCOPE |= {"query_string": b"", "root_path": "", "server": ("127.0.0.1", 80)}
_SCOPE |= {"client": ("127.0.0.1", 5555)}


def _scope(size: int) -> dict[str, Any]:
    headers = [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")]
    return {**_SCOPE, "headers": [*headers, (b"content-length", str(size).encode())]}


async def _one(app: Any, body: bytes) -> None:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)  # the client never leaves
        raise AssertionError

    statuses: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app(_scope(len(body)), receive, send)
    assert statuses == [200], statuses


async def main(body: bytes, requests: int, concurrency: int) -> None:
    app = getattr(app_module, os.environ.get("LG_APP", "served_app"))()

    async def loop(n: int) -> None:
        for _ in range(n):
            await _one(app, body)

    async with app.router.lifespan_context(app):
        await asyncio.gather(*(loop(40) for _ in range(concurrency)))
        go = Path(f"/tmp/lg-instructions-go-{os.getpid()}")
        print("READY", os.getpid(), flush=True)
        while not go.exists():
            await asyncio.sleep(0.2)
        cpu = time.process_time()
        await asyncio.gather(*(loop(requests // concurrency) for _ in range(concurrency)))
        print(f"CPU {1e6 * (time.process_time() - cpu) / requests:.0f} us/request", flush=True)
        go.with_suffix(".done").touch()
        while go.exists():
            await asyncio.sleep(0.2)


if __name__ == "__main__":
    uvloop.run(main(Path(sys.argv[1]).read_bytes(), int(sys.argv[2]), int(sys.argv[3])))
