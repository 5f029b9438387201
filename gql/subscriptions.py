"""The Subscription root: events and launches delivered as ingests and syncs change them.

Each server learns which ids changed from the change feed (db/changes.py), reads those that
meet the subscription's filter, and delivers each as a whole object with the subscriber's own
selection. Relations are read afresh for every delivery.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from datetime import datetime
from typing import Annotated, Any

import strawberry
from launchgraph.db.changes import ChangeFeed, changed_rows
from launchgraph.gql.context import Context
from launchgraph.gql.errors import INVALID_ARGUMENT, UserError
from launchgraph.gql.inputs import EventFilter, LaunchFilter, criteria
from launchgraph.gql.loaders import Loaders
from launchgraph.gql.resolvers.timeline import UPCOMING_GRACE
from launchgraph.gql.types.events import Event
from launchgraph.gql.types.launches import Launch
from sqlalchemy.ext.asyncio import AsyncEngine
from strawberry.types import Info

# Subscriptions one websocket connection may hold at once.
MAX_PER_CONNECTION = 20


class LiveContext(Context):
    """The context of one websocket connection: the change feed, the clock, and loaders that
    are renewed for every delivery (a connection lives for hours; its data must not)."""

    def __init__(
        self, engine: AsyncEngine, changes: ChangeFeed, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(engine, clock())
        self.changes = changes
        self.clock = clock
        self.active = 0
        self.connection_params: Any = None

    def renew(self) -> None:
        self.loaders = Loaders(self.engine)


async def _changed(
    info: Info, kind: str, filter_: Any, upcoming: bool
) -> AsyncGenerator[Any, None]:
    wanted = criteria(filter_)  # a bad filter fails the subscription before it starts
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
            context.renew()
            for row in rows:
                yield row
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
    ) -> AsyncGenerator[Event, None]:
        async for row in _changed(info, "event", filter, upcoming):
            yield Event.from_row(row)

    @strawberry.subscription(
        description="Each launch an ingest or sync creates or updates (a newer LL2 copy) that "
        "meets the filter, once per change: a new NET, status, hold ..."
    )
    async def launch_changed(
        self,
        info: Info,
        filter: Annotated[LaunchFilter | None, FILTER] = None,
        upcoming: Annotated[bool, UPCOMING] = False,
    ) -> AsyncGenerator[Launch, None]:
        async for row in _changed(info, "launch", filter, upcoming):
            yield Launch.from_row(row)
