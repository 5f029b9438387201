"""Root fields for launches: one launch, all launches, upcoming and previous."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import strawberry
from launchgraph.gql.inputs import LaunchFilter, LaunchOrder
from launchgraph.gql.pagination import Connection
from launchgraph.gql.resolvers.args import FILTER, GID, ORDER, SLUG
from launchgraph.gql.resolvers.lists import list_connection, matching_rows
from launchgraph.gql.resolvers.lookup import by_id_or_key, exactly_one
from launchgraph.gql.resolvers.timeline import timeline
from launchgraph.gql.types.base import AFTER, BEFORE, FIRST, LAST
from launchgraph.gql.types.launches import Launch
from strawberry.types import Info

_EPOCH = datetime.min.replace(tzinfo=UTC)


async def launch(
    info: Info,
    id: Annotated[strawberry.ID | None, GID] = None,
    ll2_id: Annotated[str | None, strawberry.argument(description="LL2's own id (a UUID).")] = None,
    slug: Annotated[str | None, SLUG] = None,
) -> Launch | None:
    """One launch by exactly one of id, ll2Id or slug. LL2 has moved slugs between launches
    over time; a slug names the most recently updated launch that carries it."""
    if exactly_one(id=id, ll2Id=ll2_id, slug=slug) == "slug":
        rows = await matching_rows(info, "launch", {"slug": slug})
        if not rows:
            return None
        return Launch.from_row(max(rows, key=lambda r: r.last_updated or _EPOCH))
    return await by_id_or_key(info, "launch", id, ll2_id)


async def launches(
    info: Info,
    filter: Annotated[LaunchFilter | None, FILTER] = None,
    order_by: Annotated[list[LaunchOrder] | None, ORDER] = None,
    first: Annotated[int | None, FIRST] = None,
    after: Annotated[str | None, AFTER] = None,
    last: Annotated[int | None, LAST] = None,
    before: Annotated[str | None, BEFORE] = None,
) -> Connection[Launch]:
    """All launches, by NET then id unless ordered otherwise."""
    return await list_connection(info, "launch", filter, order_by, first, after, last, before)


upcoming_launches, previous_launches = timeline("launch", Launch, LaunchFilter, "net", "NET")
