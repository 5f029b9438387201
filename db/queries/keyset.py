"""Keyset ("seek") pagination: orderings, the cursor values of a row, and the WHERE clause
that starts a page right after (or before) a cursor.

NULL sorts as the greatest value (PostgreSQL's native order), so ascending puts NULLs last
and descending puts them first, and a plain btree index on the columns serves both ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true


@dataclass(frozen=True)
class SortKey:
    """One ORDER BY component: a column, ascending or not."""

    name: str
    column: ColumnElement[Any]
    ascending: bool = True

    def reversed(self) -> SortKey:
        return SortKey(self.name, self.column, not self.ascending)

    def order_by(self) -> ColumnElement[Any]:
        if self.ascending:
            return self.column.asc().nulls_last()
        return self.column.desc().nulls_first()


def signature(keys: Sequence[SortKey]) -> str:
    """Names an ordering of one table, so a cursor made under one ordering, or for another
    table's list, is refused."""
    tables = ".".join(sorted({getattr(getattr(k.column, "table", None), "name", "") for k in keys}))
    return f"{tables}:" + ",".join(f"{k.name}:{'a' if k.ascending else 'd'}" for k in keys)


def _after_one(key: SortKey, value: Any) -> ColumnElement[bool]:
    if value is None:
        return false() if key.ascending else key.column.is_not(None)
    if key.ascending:
        return or_(key.column > value, key.column.is_(None))
    return key.column < value


def _equal_one(key: SortKey, value: Any) -> ColumnElement[bool]:
    return key.column.is_(None) if value is None else key.column == value


def after(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after the row whose sort values are `values`, under `keys`."""
    clauses = []
    prefix: list[ColumnElement[bool]] = []
    for key, value in zip(keys, values, strict=True):
        clauses.append(and_(*prefix, _after_one(key, value)) if prefix else _after_one(key, value))
        prefix.append(_equal_one(key, value))
    return or_(*clauses) if clauses else true()


def seek(
    keys: Sequence[SortKey], values: Sequence[Any]
) -> tuple[ColumnElement[bool], ColumnElement[bool] | None]:
    """The rows strictly after `values`, as (head, tail): head rows all come before tail rows
    (tail is None when there are none of its kind).

    `after` says the same as one OR, which a planner can only apply as a filter while scanning
    from the start (page 1,000 would cost 1,000 pages). The head adds a range on the first key
    that an index can seek to; the first key's NULLs, which that range cannot hold, are the
    tail, read only when the head runs out.
    """
    first, value = keys[0], values[0]
    rest = after(keys, values)
    if value is None:
        head = and_(first.column.is_(None), rest)
        return head, (None if first.ascending else first.column.is_not(None))
    bound = first.column >= value if first.ascending else first.column <= value
    return and_(bound, rest), (first.column.is_(None) if first.ascending else None)
