"""The shared path of every root list: criteria and ordering in, a Connection out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from launchgraph.db.queries.keyset import SortKey
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.gql.inputs import check_text, criteria, ordering
from launchgraph.gql.loaders.keys import Criteria, ListQuery
from launchgraph.gql.pagination import Connection, connection, window
from launchgraph.gql.types.base import TYPES
from strawberry.types import Info


@dataclass(frozen=True)
class PlannedList:
    """A root list's page request, worked out but not run: what `list_connection` returns to
    an executor that asks only for the plan (gql.fast runs the page and renders its nodes in
    one statement)."""

    listing: str
    query: ListQuery
    keys: list[SortKey]
    count: Callable[[], Awaitable[int]]


async def list_connection(
    info: Info,
    listing: str,
    filter_: Any,
    order_by: list[Any] | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    *,
    extra: dict[str, Any] | None = None,
    default_order: tuple[tuple[str, bool], ...] = (),
) -> Connection[Any]:
    """A page of root list `listing` (a db.queries.listings name), filtered and ordered."""
    lst = LISTINGS[listing]
    crit = Criteria.of({**criteria(filter_), **(extra or {})})
    order = ordering(order_by) or default_order
    keys = lst.keys(list(order) or None)
    query = ListQuery(crit, order, window(keys, first, after, last, before))
    loaders = info.context.loaders

    def count() -> Awaitable[int]:
        return loaders.root_count(listing).load(crit)

    if getattr(info, "plan_only", False):
        return PlannedList(listing, query, keys, count)  # type: ignore[return-value]
    page = await loaders.root_page(listing).load(query)
    return connection(page, keys, TYPES[lst.table.name].from_row, count)


async def matching_rows(info: Info, listing: str, values: dict[str, Any]) -> list[Any]:
    """Up to 5 rows of `listing` matching exact criteria (lookups by slug)."""
    for name, value in values.items():
        check_text(name, value)
    lst = LISTINGS[listing]
    keys = lst.keys(None)
    query = ListQuery(Criteria.of(values), (), window(keys, 5, None, None, None))
    page = await info.context.loaders.root_page(listing).load(query)
    return page.rows
