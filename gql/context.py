"""What every resolver gets in `info.context`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from gql.loaders import Loaders


@dataclass
class Context:
    """One request's loaders, and the instant that 'now' means for the whole request."""

    engine: AsyncEngine
    loaders: Loaders = field(init=False)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.engine)
