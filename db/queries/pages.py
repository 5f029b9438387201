"""Pages of rows in keyset order: one list, or one page per owner for many owners at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Row, and_, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db.queries.keyset import SortKey, after, seek


@dataclass(frozen=True)
class Window:
    """Which slice of an ordered list to read (Relay's first/after/last/before, decoded)."""

    first: int | None = None
    after: Sequence[Any] | None = None
    last: int | None = None
    before: Sequence[Any] | None = None

    @property
    def backwards(self) -> bool:
        return self.last is not None

    @property
    def size(self) -> int:
        return self.last if self.last is not None else self.first or 0


@dataclass
class Page:
    """Rows in display order, and whether more lie beyond either end."""

    rows: list[Row[Any]]
    has_next: bool
    has_previous: bool


def bounds(keys: Sequence[SortKey], window: Window) -> list[ColumnElement[bool]]:
    """The window's cursors as conditions (rows after `after`, before `before`)."""
    clauses = []
    if window.after is not None:
        clauses.append(after(keys, window.after))
    if window.before is not None:
        clauses.append(after([k.reversed() for k in keys], window.before))
    return clauses


def _finish(rows: list[Row[Any]], window: Window) -> Page:
    more = len(rows) > window.size
    rows = rows[: window.size]
    if window.backwards:
        rows.reverse()
        return Page(rows, has_next=window.before is not None, has_previous=more)
    return Page(rows, has_next=more, has_previous=window.after is not None)


async def page(
    conn: AsyncConnection,
    source: FromClause,
    columns: Sequence[ColumnElement[Any]],
    where: Sequence[ColumnElement[bool]],
    keys: Sequence[SortKey],
    window: Window,
) -> Page:
    """One page of `source` filtered by `where`: one statement, LIMIT size + 1 (a second one
    only when the page reaches the NULLs of its first sort key, see keyset.seek).

    The cursor the page starts from (`after`, or `before` when reading backwards) is an index
    range, so a deep page costs what the first does.
    """
    order = [k.reversed() for k in keys] if window.backwards else list(keys)
    start = window.before if window.backwards else window.after
    other = window.after if window.backwards else window.before
    bound = [after([k.reversed() for k in order], other)] if other is not None else []
    limit = window.size + 1

    async def rows(
        condition: ColumnElement[bool] | None, size: int, *extra: ColumnElement[Any]
    ) -> list[Row[Any]]:
        stmt = (
            select(*columns, *extra)
            .select_from(source)
            .where(*where, *bound, *([] if condition is None else [condition]))
            .order_by(*(k.order_by() for k in order))
            .limit(size)
        )
        return list((await conn.execute(stmt)).all())

    if start is None:
        return _finish(await rows(None, limit), window)
    head, tail = seek(order, start)
    if tail is None:
        return _finish(await rows(head, limit), window)
    # Whether the table holds any row of the tail at all (a superset: filters aside), asked
    # in the same statement; a page that ends before `limit` reads the tail only if so.
    any_tail = select(tail).where(tail).correlate(None).exists().label("_tail")
    found = await rows(head, limit, any_tail)
    if len(found) < limit and (not found or found[0]._tail):
        found += await rows(tail, limit - len(found))
    return _finish(found, window)


async def count(
    conn: AsyncConnection, source: FromClause, where: Sequence[ColumnElement[bool]]
) -> int:
    """How many rows of `source` match `where`."""
    stmt = select(func.count()).select_from(source).where(*where)
    return int((await conn.execute(stmt)).scalar_one())


async def pages_by_owner(
    conn: AsyncConnection,
    source: FromClause,
    owner: ColumnElement[Any],
    owners: Sequence[Any],
    columns: Sequence[ColumnElement[Any]],
    where: Sequence[ColumnElement[bool]],
    keys: Sequence[SortKey],
    window: Window,
) -> dict[Any, Page]:
    """The same window of a list for each of many owners, in one statement (a window
    function numbers each owner's rows; only the first size + 1 of each come back)."""
    order = [k.reversed() for k in keys] if window.backwards else list(keys)
    rank = func.row_number().over(partition_by=owner, order_by=[k.order_by() for k in order])
    inner = (
        select(*columns, owner.label("_owner"), rank.label("_rank"))
        .select_from(source)
        .where(owner.in_(owners), *where, *bounds(keys, window))
        .subquery()
    )
    stmt = (
        select(inner)
        .where(inner.c._rank <= window.size + 1)
        .order_by(inner.c._owner, inner.c._rank)
    )
    grouped: dict[Any, list[Row[Any]]] = defaultdict(list)
    for row in (await conn.execute(stmt)).all():
        grouped[row._owner].append(row)
    return {o: _finish(grouped.get(o, []), window) for o in owners}


async def counts_by_owner(
    conn: AsyncConnection,
    source: FromClause,
    owner: ColumnElement[Any],
    owners: Sequence[Any],
    where: Sequence[ColumnElement[bool]],
) -> dict[Any, int]:
    """How many rows each owner has, in one GROUP BY statement."""
    stmt = (
        select(owner, func.count())
        .select_from(source)
        .where(and_(owner.in_(owners), *where))
        .group_by(owner)
    )
    found = {o: int(n) for o, n in (await conn.execute(stmt)).all()}
    return {o: found.get(o, 0) for o in owners}
