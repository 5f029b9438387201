"""Upcoming and previous lists (LL2's /upcoming/ and /previous/), made by one factory for events
(by date) and launches (by NET), since they differ only in types and column."""

# No `from __future__ import annotations` here: the factory's resolvers need real annotation
# objects, which Strawberry reads to build the arguments.

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Annotated, Any

from launchgraph.gql.pagination import Connection
from launchgraph.gql.resolvers.args import FILTER
from launchgraph.gql.resolvers.lists import list_connection
from launchgraph.gql.types.base import AFTER, BEFORE, FIRST, LAST
from strawberry.types import Info

# LL2 /upcoming/: from one day ago on; the day of grace keeps something that has just happened
# in the list while its coverage is still current.
UPCOMING_GRACE = timedelta(days=1)

Resolver = Callable[..., Awaitable[Any]]


def timeline(
    listing: str, node: type, filter_type: type, column: str, order_field: str
) -> tuple[Resolver, Resolver]:
    """(upcoming, previous) resolvers of `listing`, whose time column is `column`:
    upcoming = column >= now minus one day, ascending, then by id;
    previous = column <= now, newest first, then by id."""

    def resolver(bound: Callable[[datetime], dict[str, Any]], ascending: bool) -> Resolver:
        async def resolve(
            info: Info,
            filter: Annotated[filter_type | None, FILTER] = None,  # type: ignore[valid-type]
            first: Annotated[int | None, FIRST] = None,
            after: Annotated[str | None, AFTER] = None,
            last: Annotated[int | None, LAST] = None,
            before: Annotated[str | None, BEFORE] = None,
        ) -> Connection[node]:  # type: ignore[valid-type]
            return await list_connection(
                info,
                listing,
                filter,
                None,
                first,
                after,
                last,
                before,
                extra=bound(info.context.now),
                default_order=((order_field, ascending), ("ID", True)),
            )

        return resolve

    upcoming = resolver(lambda now: {f"{column}_from": now - UPCOMING_GRACE}, True)
    previous = resolver(lambda now: {f"{column}_until": now}, False)
    return upcoming, previous
