"""Root fields for events: one event, all events, upcoming and previous (LL2's definitions)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import strawberry
from strawberry.types import Info

from gql.inputs import EventFilter, EventOrder, EventTypeFilter, EventTypeOrder
from gql.pagination import Connection
from gql.resolvers.lists import list_connection, matching_rows
from gql.resolvers.lookup import by_id_or_key, exactly_one
from gql.types.base import AFTER, BEFORE, FIRST, LAST
from gql.types.events import Event, EventType

FILTER = strawberry.argument(description="Filters; all must hold.")
ORDER = strawberry.argument(description="Ordering components; the id always breaks ties.")
GID = strawberry.argument(description="The global (Relay) id.")
LL2ID = strawberry.argument(description="LL2's own id.")
SLUG = strawberry.argument(description="The slug.")

# LL2 /event/upcoming/: events from one day ago on; the day of grace keeps an event that has
# just happened in the list while its coverage is still current.
UPCOMING_GRACE = timedelta(days=1)


async def event(
    info: Info,
    id: Annotated[strawberry.ID | None, GID] = None,
    ll2_id: Annotated[int | None, LL2ID] = None,
    slug: Annotated[str | None, SLUG] = None,
) -> Event | None:
    """One event by exactly one of id, ll2Id or slug."""
    if exactly_one(id=id, ll2Id=ll2_id, slug=slug) == "slug":
        rows = await matching_rows(info, "event", {"slug": slug})
        return Event.from_row(rows[0]) if rows else None
    return await by_id_or_key(info, "event", id, ll2_id)


async def events(
    info: Info,
    filter: Annotated[EventFilter | None, FILTER] = None,
    order_by: Annotated[list[EventOrder] | None, ORDER] = None,
    first: Annotated[int | None, FIRST] = None,
    after: Annotated[str | None, AFTER] = None,
    last: Annotated[int | None, LAST] = None,
    before: Annotated[str | None, BEFORE] = None,
) -> Connection[Event]:
    """All events, by date then id unless ordered otherwise."""
    return await list_connection(info, "event", filter, order_by, first, after, last, before)


async def upcoming_events(
    info: Info,
    filter: Annotated[EventFilter | None, FILTER] = None,
    first: Annotated[int | None, FIRST] = None,
    after: Annotated[str | None, AFTER] = None,
    last: Annotated[int | None, LAST] = None,
    before: Annotated[str | None, BEFORE] = None,
) -> Connection[Event]:
    """LL2's upcoming events: date >= now minus one day, by date then id."""
    since = info.context.now - UPCOMING_GRACE
    return await list_connection(
        info,
        "event",
        filter,
        None,
        first,
        after,
        last,
        before,
        extra={"date_from": since},
        default_order=(("DATE", True), ("ID", True)),
    )


async def previous_events(
    info: Info,
    filter: Annotated[EventFilter | None, FILTER] = None,
    first: Annotated[int | None, FIRST] = None,
    after: Annotated[str | None, AFTER] = None,
    last: Annotated[int | None, LAST] = None,
    before: Annotated[str | None, BEFORE] = None,
) -> Connection[Event]:
    """LL2's previous events: date <= now, newest first, then by id."""
    return await list_connection(
        info,
        "event",
        filter,
        None,
        first,
        after,
        last,
        before,
        extra={"date_until": info.context.now},
        default_order=(("DATE", False), ("ID", True)),
    )


async def event_types(
    info: Info,
    filter: Annotated[EventTypeFilter | None, FILTER] = None,
    order_by: Annotated[list[EventTypeOrder] | None, ORDER] = None,
    first: Annotated[int | None, FIRST] = None,
    after: Annotated[str | None, AFTER] = None,
    last: Annotated[int | None, LAST] = None,
    before: Annotated[str | None, BEFORE] = None,
) -> Connection[EventType]:
    """All event types, by id unless ordered otherwise."""
    return await list_connection(info, "event_type", filter, order_by, first, after, last, before)
