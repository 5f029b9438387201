"""`serve`'s HTTP protocol (launchgraph/http_protocol.py): what one turn of the event loop writes
to a connection is handed to the transport together, and responses through a real uvicorn
server stay whole and in order (keep-alive, pipelined, bigger than what is held, closing)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import uvicorn

from launchgraph.cli import uvicorn_settings
from launchgraph.http_protocol import MOST_HELD, CoalescedWrites, HttpProtocol
from tests.test_cli import free_port


class Recording(asyncio.Transport):
    """A transport that notes what it is asked to do."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, list[bytes]]] = []
        self.closing = False

    def writelines(self, list_of_data: Iterable[Any]) -> None:
        self.calls.append(("writelines", [bytes(d) for d in list_of_data]))

    def close(self) -> None:
        self.calls.append(("close", []))
        self.closing = True

    def abort(self) -> None:
        self.calls.append(("abort", []))
        self.closing = True

    def is_closing(self) -> bool:
        return self.closing

    def get_write_buffer_size(self) -> int:
        return 0


async def test_the_writes_of_one_turn_are_handed_over_together() -> None:
    real = Recording()
    writes = CoalescedWrites(real, asyncio.get_running_loop())
    writes.write(b"HTTP/1.1 200 OK\r\n\r\n")
    writes.write(b"body")
    assert real.calls == []
    assert writes.get_write_buffer_size() == len(b"HTTP/1.1 200 OK\r\n\r\n") + 4
    await asyncio.sleep(0)
    assert real.calls == [("writelines", [b"HTTP/1.1 200 OK\r\n\r\n", b"body"])]
    # Past what is held, at once (the transport's flow control sees it).
    writes.write(b"x" * MOST_HELD)
    assert real.calls[-1] == ("writelines", [b"x" * MOST_HELD])
    # Closing sends what is held first; a later turn finds nothing to send.
    writes.write(b"last")
    writes.close()
    assert real.calls[-2:] == [("writelines", [b"last"]), ("close", [])]
    await asyncio.sleep(0)
    assert real.calls[-1] == ("close", [])


async def test_an_aborted_connection_drops_what_is_held() -> None:
    real = Recording()
    writes = CoalescedWrites(real, asyncio.get_running_loop())
    writes.write(b"never sent")
    writes.abort()
    await asyncio.sleep(0)
    assert real.calls == [("abort", [])]
    assert writes.get_write_buffer_size() == 0


BIG = b"0123456789" * 15_000  # 150 kB: more than is held at once, in three messages


async def _app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    start = {"type": "http.response.start", "status": 200, "headers": []}
    if scope["path"] == "/big":
        await send({**start, "headers": [(b"content-length", b"%d" % len(BIG))]})
        for part in (BIG[:50_000], BIG[50_000:100_000]):
            await send({"type": "http.response.body", "body": part, "more_body": True})
        await send({"type": "http.response.body", "body": BIG[100_000:]})
        return
    body = scope["path"].encode()
    await send({**start, "headers": [(b"content-length", b"%d" % len(body))]})
    await send({"type": "http.response.body", "body": body})


async def test_responses_through_the_served_protocol_stay_whole_and_in_order() -> None:
    port = free_port()
    settings = uvicorn_settings("127.0.0.1", port, 1)
    assert settings["http"] is HttpProtocol
    config = uvicorn.Config(_app, **{**settings, "log_config": None, "lifespan": "off"})
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.01)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        # Pipelined in one write: a small answer, a big one, a small one, then the last.
        writer.write(
            b"GET /one HTTP/1.1\r\nhost: t\r\n\r\n"
            b"GET /big HTTP/1.1\r\nhost: t\r\n\r\n"
            b"GET /two HTTP/1.1\r\nhost: t\r\n\r\n"
            b"GET /last HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n"
        )
        await writer.drain()
        received = await asyncio.wait_for(reader.read(), 30)
        writer.close()
    finally:
        server.should_exit = True
        await serving
    bodies = []
    rest = received
    while rest:
        head, _, rest = rest.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200 OK")
        length = next(
            int(line.split(b":")[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length")
        )
        bodies.append(rest[:length])
        rest = rest[length:]
    assert bodies == [b"/one", BIG, b"/two", b"/last"]
