"""Relay refetching: `node(id:)` and `nodes(ids:)` for any object by global id."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from launchgraph.gql.errors import PAGE_SIZE_EXCEEDED, UserError
from launchgraph.gql.pagination import MAX_PAGE_SIZE
from launchgraph.gql.resolvers.lookup import node_key
from launchgraph.gql.types.entities import TYPES


async def one(info: Info, table: str, key: Any) -> Any:
    """The `table` object with LL2 id `key`, or None."""
    row = await info.context.loaders.row(table).load(key)
    return None if row is None else TYPES[table].from_row(row)


def check_ids(ids: list[Any]) -> None:
    if len(ids) > MAX_PAGE_SIZE:
        raise UserError(f"At most {MAX_PAGE_SIZE} ids at once.", PAGE_SIZE_EXCEEDED)


async def node(
    info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="A global id.")]
) -> relay.Node | None:
    """Any object by its global id; null when it does not exist."""
    return await one(info, *node_key(id))


async def nodes(
    info: Info,
    ids: Annotated[
        list[strawberry.ID], strawberry.argument(description="Global ids (at most 100).")
    ],
) -> list[relay.Node | None]:
    """Objects by global ids, in the same order; null where one does not exist."""
    check_ids(ids)
    keys = [node_key(i) for i in ids]
    return list(await asyncio.gather(*(one(info, *key) for key in keys)))
