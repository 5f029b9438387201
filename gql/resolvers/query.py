"""The root Query type, made from the root declarations (gql.resolvers.roots)."""

# No `from __future__ import annotations`: Strawberry reads the generated resolvers'
# annotations (each root's own filter, order and node types) as objects.

import inspect
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from launchgraph.gql.inputs import FILTERS, ORDERS, as_mapping, order_pairs
from launchgraph.gql.pagination import AFTER, BEFORE, FIRST, LAST, Connection
from launchgraph.gql.resolvers import nodes
from launchgraph.gql.resolvers.lists import by_slug, list_connection, plan_list
from launchgraph.gql.resolvers.lookup import exactly_one, key_for, ll2_key
from launchgraph.gql.resolvers.roots import ROOTS, Root, RootList, RootLookup
from launchgraph.gql.types.base import graphql_name
from launchgraph.gql.types.entities import TYPES

FILTER = strawberry.argument(description="Filters; all must hold.")
ORDER = strawberry.argument(description="Ordering components; the id always breaks ties.")
GID = strawberry.argument(description="The global (Relay) id.")
LL2ID = strawberry.argument(description="LL2's own id.")
SLUG = strawberry.argument(description="The slug.")


def _list(root: RootList) -> Any:
    node = TYPES[root.table]
    filter_type = FILTERS[root.table]

    async def listing(
        info: Info,
        filter: Annotated[filter_type | None, FILTER] = None,  # type: ignore[valid-type]
        order_by: Annotated[list[ORDERS[root.table]] | None, ORDER] = None,  # type: ignore[valid-type]
        first: Annotated[int | None, FIRST] = None,
        after: Annotated[str | None, AFTER] = None,
        last: Annotated[int | None, LAST] = None,
        before: Annotated[str | None, BEFORE] = None,
    ) -> Connection[node]:  # type: ignore[valid-type]
        now = lambda: info.context.now  # noqa: E731
        order = order_pairs(order_by)
        plan = plan_list(root, as_mapping(filter), order, first, after, last, before, now)
        return await list_connection(info, plan)

    if root.order:
        # A timeline's order is fixed: the same resolver, without the `orderBy` argument.
        signature = inspect.signature(listing)
        listing.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[p for p in signature.parameters.values() if p.name != "order_by"]
        )
    return listing


def _lookup(root: RootLookup) -> Any:
    node = TYPES[root.table]

    async def lookup(
        info: Info,
        id: Annotated[strawberry.ID | None, GID] = None,
        ll2_id: Annotated[strawberry.ID | None, LL2ID] = None,
    ) -> node | None:  # type: ignore[valid-type]
        exactly_one(id=id, ll2Id=ll2_id)
        key = key_for(root.table, id) if id is not None else ll2_key(root.table, str(ll2_id))
        return await nodes.one(info, root.table, key)

    async def lookup_or_slug(
        info: Info,
        id: Annotated[strawberry.ID | None, GID] = None,
        ll2_id: Annotated[strawberry.ID | None, LL2ID] = None,
        slug: Annotated[str | None, SLUG] = None,
    ) -> node | None:  # type: ignore[valid-type]
        if exactly_one(id=id, ll2Id=ll2_id, slug=slug) != "slug":
            return await lookup(info, id, ll2_id)
        row = await by_slug(info, root.table, slug)  # type: ignore[arg-type]
        return None if row is None else node.from_row(row)

    return lookup_or_slug if root.slug else lookup


def _field(root: Root) -> Any:
    resolver = _list(root) if isinstance(root, RootList) else _lookup(root)
    return strawberry.field(
        resolver=resolver, name=graphql_name(root.name), description=root.description
    )


def _query() -> type:
    namespace: dict[str, Any] = {
        "node": strawberry.field(
            resolver=nodes.node, description="Any object by its global id (Relay refetch)."
        ),
        "nodes": strawberry.field(
            resolver=nodes.nodes, description="Objects by global ids, in order (Relay refetch)."
        ),
    }
    namespace |= {root.name: _field(root) for root in ROOTS}
    return strawberry.type(
        type("Query", (), namespace),
        description="Entry points of the Launch Library 2 event graph.",
    )


Query = _query()
