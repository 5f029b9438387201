"""What every resolver gets in `info.context`."""

from __future__ import annotations

from asyncio import CancelledError
from datetime import UTC, datetime
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncEngine

from launchgraph.db.version import VersionWatcher
from launchgraph.gql.loaders import Loaders
from launchgraph.gql.loaders.request_db import RequestDB


class Context:
    """One request's database connection and loaders, and the instant that 'now' means for
    the whole request. Use it as `async with`: leaving gives the connection back.

    `used_now` tells whether the answer depended on the clock (upcoming / previous lists),
    so a response cache keys such answers by that instant too.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        now: datetime | None = None,
        versions: VersionWatcher | None = None,
    ) -> None:
        self.engine = engine
        self.db = RequestDB(engine)
        self.loaders = Loaders(self.db)
        self._now = now or datetime.now(UTC)
        self.used_now = False
        self._versions = versions

    def data_version(self) -> int | None:
        """The data version of `engine`, where it is known without reading the database
        (None: unknown, or no watcher given): what counts may be kept for."""
        return self._versions.known() if self._versions is not None else None

    @property
    def instant(self) -> datetime:
        """'now', without marking the answer as clock-dependent (for cache keys)."""
        return self._now

    @property
    def now(self) -> datetime:
        self.used_now = True
        return self._now

    async def __aenter__(self) -> Context:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # A cancelled request may have left a statement running on its connection.
        await self.db.close(broken=exc_type is not None and issubclass(exc_type, CancelledError))
