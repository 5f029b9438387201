"""The shared path of every root list: criteria and ordering in, a Connection out."""

from __future__ import annotations

from typing import Any

from strawberry.types import Info

from db.queries.listings import LISTINGS
from gql.inputs import check_text, criteria, ordering
from gql.loaders.keys import Criteria, ListQuery
from gql.pagination import Connection, connection, window
from gql.types.base import TYPES


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
    page = await loaders.root_page(listing).load(query)
    return connection(
        page, keys, TYPES[lst.table.name].from_row, lambda: loaders.root_count(listing).load(crit)
    )


async def matching_rows(info: Info, listing: str, values: dict[str, Any]) -> list[Any]:
    """Up to 5 rows of `listing` matching exact criteria (lookups by slug)."""
    for name, value in values.items():
        check_text(name, value)
    lst = LISTINGS[listing]
    keys = lst.keys(None)
    query = ListQuery(Criteria.of(values), (), window(keys, 5, None, None, None))
    page = await info.context.loaders.root_page(listing).load(query)
    return page.rows
