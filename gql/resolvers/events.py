"""Root fields for events: one event, all events, upcoming and previous (LL2's definitions)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from launchgraph.gql.inputs import EventFilter, EventOrder, EventTypeFilter, EventTypeOrder
from launchgraph.gql.pagination import Connection
from launchgraph.gql.resolvers.args import FILTER, GID, LL2ID, ORDER, SLUG
from launchgraph.gql.resolvers.lists import list_connection, matching_rows
from launchgraph.gql.resolvers.lookup import by_id_or_key, exactly_one
from launchgraph.gql.resolvers.timeline import timeline
from launchgraph.gql.types.base import AFTER, BEFORE, FIRST, LAST
from launchgraph.gql.types.events import Event, EventType
from strawberry.types import Info


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


upcoming_events, previous_events = timeline("event", Event, EventFilter, "date", "DATE")


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
