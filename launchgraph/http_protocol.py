"""The HTTP protocol `serve` gives uvicorn: uvicorn's own httptools protocol, writing through
`CoalescedWrites`, so that what one turn of the event loop writes to a connection leaves in one
system call.

uvicorn writes a response's head as the app sends `http.response.start` and its body as the app
sends `http.response.body`, each at once: two writes, two TCP segments, and a client that
wakes for the head, finds no body yet and sleeps again. On a response-cache hit the lines of
those two writes held 27 % of the server's samples, and one write instead took about a quarter
off the server's CPU per hit (bench/RESULTS.md, session 19). Held until the turn ends, head and
body leave together, as aiohttp sends a small response's head and body in one segment.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# Bytes held before they are written at once: a response bigger than this streams as uvicorn
# writes it, and the transport's own flow control (pausing the app) still applies.
MOST_HELD = 64 * 1024

Data = bytes | bytearray | memoryview


class CoalescedWrites(asyncio.Transport):
    """A transport that holds the writes of one turn of the event loop and hands them to the
    real transport together when the turn ends (or at once past `MOST_HELD` bytes, or before
    the connection closes). Everything else is the real transport's."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.transport = transport
        self.loop = loop
        self.held: list[Data] = []
        self.held_bytes = 0

    def write(self, data: Data) -> None:
        if not data:
            return
        if not self.held:
            self.loop.call_soon(self.flush)
        self.held.append(data)
        self.held_bytes += len(data)
        if self.held_bytes >= MOST_HELD:
            self.flush()

    def writelines(self, list_of_data: Iterable[Data]) -> None:
        for data in list_of_data:
            self.write(data)

    def flush(self) -> None:
        """Hand what is held to the real transport (a closed one drops it, as it would)."""
        if self.held:
            held, self.held, self.held_bytes = self.held, [], 0
            if not self.transport.is_closing():
                self.transport.writelines(held)

    def close(self) -> None:
        self.flush()
        self.transport.close()

    def write_eof(self) -> None:
        self.flush()
        self.transport.write_eof()

    def abort(self) -> None:
        self.held, self.held_bytes = [], 0
        self.transport.abort()

    def can_write_eof(self) -> bool:
        return self.transport.can_write_eof()

    def get_write_buffer_size(self) -> int:
        return self.transport.get_write_buffer_size() + self.held_bytes

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self.transport.get_write_buffer_limits()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self.transport.set_write_buffer_limits(high, low)

    def is_closing(self) -> bool:
        return self.transport.is_closing()

    def is_reading(self) -> bool:
        return self.transport.is_reading()

    def pause_reading(self) -> None:
        self.transport.pause_reading()

    def resume_reading(self) -> None:
        self.transport.resume_reading()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self.transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        # A websocket upgrade hands the connection to another protocol: the real transport
        # then calls that one; its writes still come through here.
        self.transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self.transport.get_protocol()


class HttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, writing through `CoalescedWrites`."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescedWrites(transport, asyncio.get_running_loop()))
