"""Relay refetching: `node(id:)` and `nodes(ids:)` for any object by global id."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry
from launchgraph.gql.errors import PAGE_SIZE_EXCEEDED, UserError
from launchgraph.gql.pagination import MAX_PAGE_SIZE
from launchgraph.gql.resolvers.lookup import node as lookup_node
from strawberry import relay
from strawberry.types import Info


async def node(
    info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="A global id.")]
) -> relay.Node | None:
    """Any object by its global id; null when it does not exist."""
    return await lookup_node(info, id)


async def nodes(
    info: Info,
    ids: Annotated[
        list[strawberry.ID], strawberry.argument(description="Global ids (at most 100).")
    ],
) -> list[relay.Node | None]:
    """Objects by global ids, in the same order; null where one does not exist."""
    if len(ids) > MAX_PAGE_SIZE:
        raise UserError(f"At most {MAX_PAGE_SIZE} ids at once.", PAGE_SIZE_EXCEEDED)
    return list(await asyncio.gather(*(lookup_node(info, i) for i in ids)))
