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


def _after_parts(key: SortKey, value: Any) -> list[ColumnElement[bool]]:
    # The values strictly after `value` in this key's order, as index-friendly ranges.
    if value is None:
        return [] if key.ascending else [key.column.is_not(None)]
    if key.ascending:
        return [key.column > value, key.column.is_(None)]
    return [key.column < value]


def segments(keys: Sequence[SortKey], values: Sequence[Any]) -> list[ColumnElement[bool]]:
    """The rows strictly after `values`, as disjoint conditions listed in sort order, each a
    range an index on the keys can seek to (`after` says the same as one OR, which a planner
    can only apply as a filter while scanning from the start: page 1,000 would cost 1,000
    pages)."""
    out: list[ColumnElement[bool]] = []
    for i in reversed(range(len(keys))):
        prefix = [_equal_one(k, v) for k, v in zip(keys[:i], values[:i], strict=True)]
        out.extend(and_(*prefix, part) for part in _after_parts(keys[i], values[i]))
    return out
