"""A LISTEN on one PostgreSQL channel, over its own asyncpg connection, kept up for as long
as it runs: what the data version watcher and the change feed share."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger("launchgraph.listening")


class Listening:
    """Listens on `channel` of the engine's database; subclasses say what a notification
    means (`_on_notify`), what to do once listening (`_listening`) and when the connection
    is down (`_down`: what arrives meanwhile is missed)."""

    channel: str

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self._listener: asyncpg.Connection | None = None
        self._task: asyncio.Task[None] | None = None

    def _listen(self) -> None:
        self._task = asyncio.create_task(self._listen_forever())

    async def _stop_listening(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._listener is not None and not self._listener.is_closed():
            await self._listener.close()

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        raise NotImplementedError

    async def _listening(self, listener: asyncpg.Connection) -> None:
        """Called once the connection listens (before it is watched)."""

    def _down(self) -> None:
        """Called when the connection failed, before the next try."""

    async def _listen_forever(self) -> None:
        url = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while True:
            try:
                self._listener = await asyncpg.connect(url)
                await self._listener.add_listener(self.channel, self._on_notify)
                await self._listening(self._listener)
                while not self._listener.is_closed():
                    await asyncio.sleep(1)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # retry shortly
                log.warning("listener of %s down: %s", self.channel, exc)
            self._down()
            await asyncio.sleep(1)
