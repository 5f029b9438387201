"""Root lists: their arguments worked out once (criteria, ordering, window), for both
execution paths, and run through the loaders on the reference path."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from strawberry.types import Info

from launchgraph.db.queries.keyset import SortKey
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.gql.inputs import check_text, criteria, ordering
from launchgraph.gql.loaders.keys import Criteria, ListQuery
from launchgraph.gql.pagination import Connection, connection, window
from launchgraph.gql.resolvers.roots import RootList
from launchgraph.gql.types.entities import TYPES

_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class ListPlan:
    """A root list's page request, checked and decoded, not yet run."""

    listing: str
    query: ListQuery
    keys: list[SortKey]


def plan_list(
    root: RootList,
    filter_values: Mapping[str, Any],
    order_by: list[tuple[str, bool]] | None,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    now: Any,
) -> ListPlan:
    """The page that the root list `root` is asked for; a UserError for bad arguments.
    `now` is called only by timelines (so only their answers depend on the clock)."""
    values = criteria(filter_values)
    if root.bound is not None:
        values |= root.bound(now())
    order = root.order or ordering(order_by)
    keys = LISTINGS[root.table].keys(list(order) or None)
    query = ListQuery(Criteria.of(values), order, window(keys, first, after, last, before))
    return ListPlan(root.table, query, keys)


async def list_connection(info: Info, plan: ListPlan) -> Connection[Any]:
    """The page of a planned root list, through the request's loaders."""
    loaders = info.context.loaders
    page = await loaders.root_page(plan.listing).load(plan.query)
    crit = plan.query.criteria
    return connection(
        page,
        plan.keys,
        TYPES[plan.listing].from_row,
        lambda: loaders.root_count(plan.listing).load(crit),
    )


async def by_slug(info: Info, table: str, slug: str) -> Any:
    """The row of `table` with this slug; where LL2 has moved a slug between objects, the
    most recently updated one."""
    check_text("slug", slug)
    keys = LISTINGS[table].keys(None)
    query = ListQuery(Criteria.of({"slug": slug}), (), window(keys, 5, None, None, None))
    rows = (await info.context.loaders.root_page(table).load(query)).rows
    if not rows:
        return None
    return max(rows, key=lambda r: r._mapping.get("last_updated") or _EPOCH)
