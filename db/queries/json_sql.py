"""JSON built by the database itself, in PostgreSQL's and SQLite's dialects.

Each function returns an SQL expression whose value is JSON text (or SQL NULL for null), so
a whole nested document comes back from one statement as one string. Values are rendered
exactly as Python would serialise the same row (ISO 8601 timestamps in UTC with +00:00,
booleans as true/false), so either store gives byte-for-byte the same JSON.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Date,
    Float,
    Integer,
    Select,
    String,
    Text,
    and_,
    case,
    cast,
    func,
    literal,
    not_,
    null,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql import sqltypes
from sqlalchemy.types import TypeDecorator

from launchgraph.db.coltypes import DecimalText, IntText

# PostgreSQL's json_build_object takes at most 100 arguments: 50 keys.
MAX_KEYS = 50


class JsonSQL:
    """The JSON functions of one dialect ('postgresql' or 'sqlite')."""

    def __init__(self, dialect: str) -> None:
        self.pg = dialect == "postgresql"

    # -- building ---------------------------------------------------------------------

    def object(self, pairs: Sequence[tuple[str, ColumnElement[Any]]]) -> ColumnElement[Any]:
        """{key: value, ...} in the given key order."""
        args: list[Any] = []
        for key, value in pairs:
            args += [literal(key, String), value]
        if self.pg:
            return func.json_build_object(*args, type_=JSON)
        return func.json_object(*args, type_=JSON)

    def embed(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        """A JSON value computed by a subquery, to nest inside another (SQLite forgets that a
        subquery's text is JSON; json() tells it again)."""
        return value if self.pg else func.json(value, type_=JSON)

    def array(
        self,
        value: ColumnElement[Any],
        order: Sequence[ColumnElement[Any]] = (),
        where: ColumnElement[bool] | None = None,
    ) -> ColumnElement[Any]:
        """The aggregate [value, ...] in `order`, of the rows where `where` holds (an empty
        list, not null, over no rows). On SQLite the rows must already arrive in order (an
        ordered subquery), since SQLite before 3.44 has no ORDER BY inside an aggregate."""
        if self.pg:
            agg: Any = func.json_agg(aggregate_order_by(value, *order) if order else value)
            if where is not None:
                agg = agg.filter(where)
            return func.coalesce(agg, cast(literal("[]"), JSON))
        agg = func.json_group_array(value, type_=JSON)
        return agg if where is None else agg.filter(where)

    def array_of(self, items: Sequence[ColumnElement[Any]]) -> ColumnElement[Any]:
        """[item, ...] of values at hand."""
        if self.pg:
            return func.json_build_array(*items, type_=JSON)
        return func.json_array(*items, type_=JSON)

    def or_empty(self, array: ColumnElement[Any]) -> ColumnElement[Any]:
        """The array, or [] where there is none (an outer join found no row)."""
        if self.pg:
            return func.coalesce(array, cast(literal("[]"), JSON))
        return func.coalesce(array, func.json("[]"))

    def grouped(
        self,
        owner: ColumnElement[Any] | None,
        order: Sequence[ColumnElement[Any]],
        arrays: dict[str, tuple[ColumnElement[Any], ColumnElement[bool] | None]],
        counted: bool = False,
    ) -> Select[Any]:
        """One row per `owner` (one row in all, where None) with each named array of its
        rows' values, in `order`, of the rows that pass its filter; `counted` adds `n`, how
        many rows the owner has."""
        head = [] if owner is None else [owner.label("owner")]
        if self.pg:
            columns = list(head)
            for name, (value, where) in arrays.items():
                agg: Any = func.json_agg(aggregate_order_by(value, *order))
                if where is not None:
                    agg = agg.filter(where)
                columns.append(func.coalesce(agg, cast(literal("[]"), JSON)).label(name))
            if counted:
                columns.append(func.count().label("n"))
            stmt = select(*columns)
            return stmt if owner is None else stmt.group_by(owner)
        # SQLite before 3.44 cannot order an aggregate; as a window function it can. Every
        # row of an owner then carries the same arrays: the first is kept.
        whole = {"partition_by": owner, "order_by": list(order), "rows": (None, None)}
        columns = list(head)
        for name, (value, where) in arrays.items():
            agg = func.json_group_array(value)
            if where is not None:
                agg = agg.filter(where)
            columns.append(agg.over(**whole).label(name))
        if counted:
            columns.append(func.count().over(partition_by=owner).label("n"))
        first = func.row_number().over(partition_by=owner, order_by=list(order))
        rows = select(*columns, first.label("_first")).subquery()
        return select(*(c for c in rows.c if c.name != "_first")).where(rows.c._first == 1)

    def first(self, array: ColumnElement[Any]) -> ColumnElement[Any]:
        """The first element of a JSON array, as JSON; null where the array is null or
        empty."""
        if self.pg:
            return array.op("->")(literal(0, Integer))
        return func.json(func.json_extract(array, "$[0]"), type_=JSON)

    def element(self, array: ColumnElement[Any], index: int) -> ColumnElement[Any]:
        """The text of one element of a JSON array of strings (negative: from the end)."""
        if self.pg:
            return array.op("->>")(literal(index, Integer))
        path = f"$[{index}]" if index >= 0 else f"$[#{index}]"
        return func.json_extract(array, path)

    def boolean(self, condition: ColumnElement[Any]) -> ColumnElement[Any]:
        """true / false of an SQL condition."""
        if self.pg:
            return condition
        return case((condition, func.json("true")), else_=func.json("false"))

    def typed(self, column: ColumnElement[Any]) -> ColumnElement[Any]:
        """A column's value as JSON, as Python would render the value it reads."""
        kind = column.type
        if isinstance(kind, DecimalText):
            if self.pg:
                return cast(column, Float)
            # SQLite's JSON writes a real with 15 significant digits (LL2's pad longitude
            # -97.15503099856647 came back as -97.1550309985665): the stored text, a JSON
            # number already, goes in as LL2 sent it.
            exact = and_(func.json_valid(column), func.json_type(column).in_(("real", "integer")))
            return case((exact, func.json(column)), else_=cast(column, Float))
        if isinstance(kind, IntText):
            # Text that is not an integer reads as null, as IntText does in Python.
            if self.pg:
                digits = column.op("~", is_comparison=True)("^-?[0-9]+$")
            else:
                digits = and_(
                    column.op("GLOB", is_comparison=True)("[0-9]*"),
                    not_(column.op("GLOB", is_comparison=True)("*[^0-9]*")),
                )
            return case((digits, cast(column, Integer)), else_=null())
        base = kind.impl_instance if isinstance(kind, TypeDecorator) else kind
        if isinstance(base, sqltypes.DateTime):
            return self.instant(column)
        if isinstance(base, Boolean) and not self.pg:
            return case(
                (column.is_(None), null()),
                (column == 1, func.json("true")),
                else_=func.json("false"),
            )
        if isinstance(base, Date) and self.pg:
            return cast(column, Text)
        return column

    def instant(self, column: ColumnElement[Any]) -> ColumnElement[Any]:
        """A UTC timestamp as Python's isoformat(): 2024-01-02T03:04:05[.ffffff]+00:00."""
        if self.pg:
            text = func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US')
            return func.replace(text, ".000000", "") + "+00:00"
        # SQLite holds 'YYYY-MM-DD HH:MM:SS.ffffff' (db.coltypes.UTCDateTime, UTC).
        fraction = func.substr(column, 20)
        return case(
            (column.is_(None), null()),
            else_=func.substr(column, 1, 10)
            + "T"
            + func.substr(column, 12, 8)
            + case((fraction == ".000000", ""), else_=fraction)
            + "+00:00",
        )

    def to_text(self, value: ColumnElement[Any]) -> ColumnElement[Any]:
        return cast(value, Text)

    def base64(self, text: ColumnElement[Any], url: bool = False) -> ColumnElement[Any]:
        """Base64 of UTF-8 text (url: the URL-safe alphabet without padding)."""
        if not self.pg:
            return func.lg_base64url(text) if url else func.lg_base64(text)
        encoded = func.encode(func.convert_to(text, "UTF8"), "base64")
        if url:
            return func.translate(encoded, "+/=\n", "-_")
        return func.replace(encoded, "\n", "")


def sqlite_functions(dbapi_conn: Any) -> None:
    """Register on a SQLite connection the functions PostgreSQL has built in."""

    def b64(text: str | None) -> str | None:
        return None if text is None else base64.b64encode(text.encode()).decode()

    def b64url(text: str | None) -> str | None:
        if text is None:
            return None
        return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode()

    dbapi_conn.create_function("lg_base64", 1, b64, deterministic=True)
    dbapi_conn.create_function("lg_base64url", 1, b64url, deterministic=True)
