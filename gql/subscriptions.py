"""The Subscription root: events and launches delivered as ingests and syncs change them.

Each server learns which ids changed from the change feed (db/changes.py), reads those that
meet the subscription's filter, and delivers each as a whole object with the subscriber's own
selection. Relations are read afresh for every delivery.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from contextvars import ContextVar
from datetime import datetime
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncEngine
from strawberry.types import Info

from launchgraph.db.changes import ChangeFeed, changed_rows
from launchgraph.gql.context import Context
from launchgraph.gql.errors import INVALID_ARGUMENT, UserError
from launchgraph.gql.inputs import EventFilter, LaunchFilter, as_mapping, criteria
from launchgraph.gql.loaders import Loaders
from launchgraph.gql.loaders.request_db import RequestDB
from launchgraph.gql.resolvers.roots import UPCOMING_GRACE
from launchgraph.gql.types.entities import TYPES

Event, Launch = TYPES["event"], TYPES["launch"]
# Subscriptions one websocket connection may hold at once.
MAX_PER_CONNECTION = 20


# The loaders of the delivery being resolved. Each subscription runs in a task of its own,
# so each sees its own; a delivery's loaders (and their connection) last for that delivery.
_delivery: ContextVar[Loaders | None] = ContextVar("launchgraph_delivery", default=None)


class LiveContext(Context):
    """The context of one websocket connection (shared by its subscriptions): the change
    feed, the clock, and, through `loaders`, the loaders of the delivery being resolved (a
    connection lives for hours; its data and database connections must not)."""

    def __init__(
        self, engine: AsyncEngine, changes: ChangeFeed, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(engine, clock())
        self.changes = changes
        self.clock = clock
        self.active = 0
        self.connection_params: Any = None

    @property  # type: ignore[override]
    def loaders(self) -> Loaders:
        return _delivery.get() or self._connection_loaders

    @loaders.setter
    def loaders(self, value: Loaders) -> None:
        self._connection_loaders = value


async def _changed(
    info: Info, kind: str, filter_: Any, upcoming: bool
) -> AsyncGenerator[Any, None]:
    wanted = criteria(as_mapping(filter_))  # a bad filter fails the subscription at once
    context: LiveContext = info.context
    if context.active >= MAX_PER_CONNECTION:
        raise UserError(
            f"A connection may hold at most {MAX_PER_CONNECTION} subscriptions.", INVALID_ARGUMENT
        )
    context.active += 1
    try:
        async for changes in context.changes.subscribe():
            ids = changes.ids[kind]
            if not ids:
                continue
            since = context.clock() - UPCOMING_GRACE if upcoming else None
            async with context.engine.connect() as conn:
                rows = await changed_rows(conn, kind, ids, wanted, since)
            if not rows:
                continue
            db = RequestDB(context.engine)
            _delivery.set(Loaders(db))
            try:
                for row in rows:
                    # Resumed only once the previous object is resolved and sent.
                    yield TYPES[kind].from_row(row)
            finally:
                _delivery.set(None)
                await db.close()
    finally:
        context.active -= 1


UPCOMING = strawberry.argument(
    description="Only objects dated from one day ago on (as the upcoming lists: LL2 /upcoming/)."
)
FILTER = strawberry.argument(description="Deliver only objects that meet this filter.")


@strawberry.type(
    description="Objects as they change: delivered when an ingest or a sync changes them."
)
class Subscription:
    @strawberry.subscription(
        description="Each event an ingest or sync creates or updates (a newer LL2 copy) that "
        "meets the filter, once per change."
    )
    async def event_changed(
        self,
        info: Info,
        filter: Annotated[EventFilter | None, FILTER] = None,
        upcoming: Annotated[bool, UPCOMING] = False,
    ) -> AsyncGenerator[Event, None]:  # type: ignore[valid-type]
        async for event in _changed(info, "event", filter, upcoming):
            yield event

    @strawberry.subscription(
        description="Each launch an ingest or sync creates or updates (a newer LL2 copy) that "
        "meets the filter, once per change: a new NET, status, hold ..."
    )
    async def launch_changed(
        self,
        info: Info,
        filter: Annotated[LaunchFilter | None, FILTER] = None,
        upcoming: Annotated[bool, UPCOMING] = False,
    ) -> AsyncGenerator[Launch, None]:  # type: ignore[valid-type]
        async for launch in _changed(info, "launch", filter, upcoming):
            yield launch
