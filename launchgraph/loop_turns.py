"""Work gathered during one turn of the event loop and done once when the turn ends.

Under load one turn of the loop finishes many requests. Their access lines are then written
in one write (a write system call per line, and the wake-up of whatever reads the log, was
about a fifth of a response-cache hit's own time: bench/RESULTS.md, session 18), and their
counts added to the metrics in one go (in multiprocess mode each addition writes the shared
file: session 19). An idle server still does the work a moment after each request: nothing
waits for more traffic to come.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class TurnBuffer(Generic[T]):
    """Items added during one turn of the event loop, handed to `drain` together when the turn
    ends; at once past `most` items, or when no loop runs."""

    def __init__(self, drain: Callable[[list[T]], None], most: int) -> None:
        self.drain = drain
        self.most = most
        self.items: list[T] = []
        # The loop whose turn the items wait for (None: none waiting).
        self.loop: asyncio.AbstractEventLoop | None = None

    def add(self, item: T) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop runs (a caller outside the server): now
            self.drain([item])
            return
        if self.loop is not loop:
            # Items left by a loop that stopped before its turn ended go first.
            self.flush()
            loop.call_soon(self.flush)
            self.loop = loop
        self.items.append(item)
        if len(self.items) >= self.most:
            self.flush()

    def flush(self) -> None:
        """Hand over what waits now."""
        self.loop = None
        if self.items:
            items, self.items = self.items, []
            self.drain(items)
