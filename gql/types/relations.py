"""How each kind of relation (db.graph) is resolved on the reference path: through the
request's loaders, one SQL statement per relation level."""

# No `from __future__ import annotations`: Strawberry reads the resolvers' annotations (the
# connection arguments) as objects.

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from launchgraph.db.graph import Link, Owned, Ref, Relation, Reverse
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.gql.loaders.keys import NO_CRITERIA, ListQuery
from launchgraph.gql.pagination import AFTER, BEFORE, FIRST, LAST, Connection, connection, window
from launchgraph.gql.types.base import graphql_name


def field(rel: Relation, target: type) -> Any:
    """The Strawberry field for `rel`, whose rows are rendered as `target` objects."""
    make = target.from_row  # type: ignore[attr-defined]
    options = {"name": graphql_name(rel.name), "description": rel.description}

    if isinstance(rel, Ref):

        async def one(root: Any, info: Info) -> Any:
            key = root.row[rel.fk]
            if key is None:
                return None
            row = await info.context.loaders.row(rel.target).load(key)
            return None if row is None else make(row)

        return strawberry.field(resolver=one, graphql_type=target | None, **options)

    if isinstance(rel, Link | Owned):

        async def many(root: Any, info: Info) -> list[Any]:
            return [make(row) for row in await info.context.loaders.list(rel).load(root.row["id"])]

        return strawberry.field(resolver=many, graphql_type=list[target], **options)

    assert isinstance(rel, Reverse)
    listing = LISTINGS[rel.target]

    async def pages(
        root: Any,
        info: Info,
        first: Annotated[int | None, FIRST] = None,
        after: Annotated[str | None, AFTER] = None,
        last: Annotated[int | None, LAST] = None,
        before: Annotated[str | None, BEFORE] = None,
    ) -> Any:
        loaders = info.context.loaders
        owner = root.row["id"]
        keys = listing.keys(None)
        query = ListQuery(NO_CRITERIA, (), window(keys, first, after, last, before))
        page = await loaders.page(rel).load((owner, query))
        return connection(page, keys, make, lambda: loaders.count(rel).load((owner, NO_CRITERIA)))

    return strawberry.field(resolver=pages, graphql_type=Connection[target], **options)
