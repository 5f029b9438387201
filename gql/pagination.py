"""Relay connections over keyset pages: argument checks, cursors, and the GraphQL types."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import Row
from sqlalchemy.sql import sqltypes
from sqlalchemy.types import TypeDecorator

from launchgraph.db.queries.keyset import SortKey, signature
from launchgraph.db.queries.pages import Page, Window
from launchgraph.gql import cursors
from launchgraph.gql.errors import INVALID_ARGUMENT, PAGE_SIZE_EXCEEDED, UserError

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# The Relay arguments of every connection field.
FIRST = strawberry.argument(description="Page size from the start, or after `after` (max 100).")
AFTER = strawberry.argument(description="Start after this cursor (from `pageInfo.endCursor`).")
LAST = strawberry.argument(description="Page size from the end, or before `before` (max 100).")
BEFORE = strawberry.argument(description="End before this cursor (from `pageInfo.startCursor`).")

T = TypeVar("T")


def window(
    keys: Sequence[SortKey],
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> Window:
    """Check Relay arguments and decode their cursors against this list's ordering."""
    if first is not None and last is not None:
        raise UserError("Pass either `first` or `last`, not both.", INVALID_ARGUMENT)
    for name, size in (("first", first), ("last", last)):
        if size is None:
            continue
        if size < 0:
            raise UserError(f"`{name}` must not be negative.", INVALID_ARGUMENT)
        if size > MAX_PAGE_SIZE:
            raise UserError(
                f"`{name}` is {size}, more than the maximum page size {MAX_PAGE_SIZE}; "
                "ask for the next page with `after` instead.",
                PAGE_SIZE_EXCEEDED,
            )
    if first is None and last is None:
        first = DEFAULT_PAGE_SIZE
    sig = signature(keys)
    kinds = [_python_type(k) for k in keys]
    return Window(
        first=first,
        after=tuple(cursors.decode(after, sig, kinds)) if after is not None else None,
        last=last,
        before=tuple(cursors.decode(before, sig, kinds)) if before is not None else None,
    )


_KINDS: tuple[tuple[type, type], ...] = (
    (sqltypes.DateTime, datetime),
    (sqltypes.Date, date),
    (sqltypes.Integer, int),
    (sqltypes.Float, float),
    (sqltypes.String, str),
)


def _python_type(key: SortKey) -> type | None:
    """The Python type of a sort key's values (None where we cannot tell)."""
    sql_type = key.column.type
    if isinstance(sql_type, TypeDecorator):
        sql_type = sql_type.impl_instance
    return next((kind for base, kind in _KINDS if isinstance(sql_type, base)), None)


@strawberry.type(description="Where a page of a connection lies in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="Whether more items follow this page (ask with `after: endCursor`)."
    )
    has_previous_page: bool = strawberry.field(
        description="Whether items precede this page (ask with `before: startCursor`)."
    )
    start_cursor: str | None = strawberry.field(
        description="The cursor of the first item of this page; null when the page is empty."
    )
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last item of this page; null when the page is empty."
    )


@strawberry.type(description="An item of a connection, with its cursor.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(
        description="An opaque cursor to pass as `after` or `before` to page from here."
    )


@strawberry.type(
    description="A page of a list, Relay style: `edges` with cursors or plain `nodes`, "
    "`pageInfo` for the next page, and `totalCount` for the whole filtered list."
)
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page, with cursors.")
    page_info: PageInfo = strawberry.field(description="How to reach the neighbouring pages.")
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @strawberry.field(
        description="How many items the whole list has under the current filter "
        "(counted only when asked for)."
    )
    async def total_count(self) -> int:
        return await self._count()


def connection(
    page: Page,
    keys: Sequence[SortKey],
    make: Callable[[Row[Any]], Any],
    count: Callable[[], Awaitable[int]],
) -> Connection[Any]:
    """A Connection for a page whose rows were read under `keys`."""
    sig = signature(keys)
    names = [k.column.name for k in keys]
    edges = [
        Edge(node=make(row), cursor=cursors.encode(sig, [row._mapping[n] for n in names]))
        for row in page.rows
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        _count=count,
    )
