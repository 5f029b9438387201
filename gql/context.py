"""What every resolver gets in `info.context`."""

from __future__ import annotations

from datetime import UTC, datetime

from launchgraph.gql.loaders import Loaders
from sqlalchemy.ext.asyncio import AsyncEngine


class Context:
    """One request's loaders, and the instant that 'now' means for the whole request.

    `used_now` tells whether the answer depended on the clock (upcoming / previous lists),
    so a response cache keys such answers by that instant too.
    """

    def __init__(self, engine: AsyncEngine, now: datetime | None = None) -> None:
        self.engine = engine
        self.loaders = Loaders(engine)
        self._now = now or datetime.now(UTC)
        self.used_now = False

    @property
    def now(self) -> datetime:
        self.used_now = True
        return self._now
