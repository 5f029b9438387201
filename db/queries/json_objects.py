"""Nested objects rendered as JSON by PostgreSQL itself, in one statement.

A `Shape` says which keys an object has and where each value comes from: a column, a
literal, a global id, or a related object or list (correlated subqueries). The database
builds the JSON text, so rows never become Python objects; the caller splices the text into
its response as is.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    FromClause,
    Select,
    String,
    Table,
    Text,
    any_,
    bindparam,
    cast,
    func,
    literal,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSON, aggregate_order_by
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db.queries.relations import LINKED, OWNED
from launchgraph.db.tables import metadata

# PostgreSQL's json_build_object takes at most 100 arguments: 50 keys.
MAX_KEYS = 50


@dataclass(frozen=True)
class Column:
    """The value of a column; `as_float` turns decimal text (pad coordinates) into a number."""

    name: str
    as_float: bool = False


@dataclass(frozen=True)
class Literal:
    value: str


@dataclass(frozen=True)
class GlobalId:
    """base64("TypeName:id"), as Relay global ids are made."""

    type_name: str


@dataclass(frozen=True)
class ToOne:
    """The row of `table` whose id is in column `fk`, as an object (or null)."""

    table: str
    fk: str
    shape: Shape


@dataclass(frozen=True)
class ToMany:
    """A LINKED or OWNED relation (db.queries.relations), as a list in position order."""

    relation: str
    shape: Shape


Value = Column | Literal | GlobalId | ToOne | ToMany


@dataclass(frozen=True)
class Shape:
    """The keys of one JSON object, in order."""

    table: str
    keys: tuple[tuple[str, Value], ...] = field(default=())


def _value(value: Value, row: FromClause) -> ColumnElement[Any]:
    if isinstance(value, Column):
        col = row.c[value.name]
        return cast(col, Float) if value.as_float else col
    if isinstance(value, Literal):
        return literal(value.value, String)
    if isinstance(value, GlobalId):
        text = literal(f"{value.type_name}:", String) + cast(row.c.id, Text)
        encoded = func.encode(func.convert_to(text, "UTF8"), "base64")
        return func.replace(encoded, "\n", "")
    if isinstance(value, ToOne):
        child = metadata.tables[value.table].alias()
        return (
            select(_object(value.shape, child))
            .where(child.c.id == row.c[value.fk])
            .correlate(row)
            .scalar_subquery()
        )
    return _many(value, row)


def _many(value: ToMany, row: FromClause) -> ColumnElement[Any]:
    linked = LINKED.get(value.relation)
    if linked is not None:
        link = linked.link.alias()
        child = linked.target.alias()
        order = linked.sort_columns(link, child)
        inner = (
            select(*_order_labels(order), _object(value.shape, child).label("j"))
            .select_from(link.join(child, child.c.id == link.c[linked.target_col]))
            .where(link.c[linked.owner_col] == row.c.id)
            .correlate(row)
        )
    else:
        owned = OWNED[value.relation]
        child = owned.table.alias()
        order = [child.c.position]
        inner = (
            select(*_order_labels(order), _object(value.shape, child).label("j"))
            .where(child.c[owned.owner_col] == row.c.id)
            .correlate(row)
        )
    sub = inner.subquery()
    keys = [sub.c[f"p{i}"].asc().nulls_last() for i in range(len(order))]
    agg = func.json_agg(aggregate_order_by(sub.c.j, *keys))
    return select(func.coalesce(agg, cast(literal("[]"), JSON))).scalar_subquery()


def _order_labels(order: list[ColumnElement[Any]]) -> list[ColumnElement[Any]]:
    """The columns a list is sorted by, selected as p0, p1 ..."""
    return [c.label(f"p{i}") for i, c in enumerate(order)]


def _object(shape: Shape, row: FromClause) -> ColumnElement[Any]:
    args: list[ColumnElement[Any]] = []
    for key, value in shape.keys:
        args.append(literal(key, String))
        args.append(_value(value, row))
    return func.json_build_object(*args)


def supported(shape: Shape) -> bool:
    """Whether every object of the shape fits PostgreSQL's json_build_object."""
    if len(shape.keys) > MAX_KEYS:
        return False
    return all(supported(v.shape) for _, v in shape.keys if isinstance(v, ToOne | ToMany))


@functools.lru_cache(maxsize=1024)
def _statement(shape: Shape) -> Select[Any]:
    # Building the statement (aliases, correlated subqueries) and its cache key costs far
    # more than running it; shapes repeat with the queries clients repeat, so each is built
    # once. Ids come as one array parameter, so the SQL text, and PostgreSQL's prepared
    # statement, stay the same whatever their number.
    table: Table = metadata.tables[shape.table]
    row = table.alias()
    ids = bindparam("ids", type_=ARRAY(table.c.id.type))
    return select(row.c.id, cast(_object(shape, row), Text)).where(row.c.id == any_(ids))


@functools.lru_cache(maxsize=1024)
def json_column(shape: Shape) -> ColumnElement[str]:
    """The shape's JSON text as a column over its (unaliased) table, labelled `_json`, to add
    to a query of that table (a page of a list)."""
    table: Table = metadata.tables[shape.table]
    return cast(_object(shape, table), Text).label("_json")


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]  # positional values; None marks where the ids go


@functools.lru_cache(maxsize=1024)
def _compiled(shape: Shape, dialect: Dialect) -> _Compiled:
    # SQLAlchemy looks a statement up in its compiled cache by a cache key it derives from
    # the whole expression on every execution: for a large shape that costs more Python time
    # than the rest of the request. The SQL of a shape never changes, so it is compiled once
    # and run as plain driver SQL with positional parameters.
    compiled = _statement(shape).compile(dialect=dialect)
    names = compiled.positiontup or ()
    return _Compiled(
        str(compiled), tuple(None if n == "ids" else compiled.params[n] for n in names)
    )


async def json_by_id(conn: AsyncConnection, shape: Shape, ids: Sequence[Any]) -> dict[Any, str]:
    """JSON text of the `shape` object of each row of its table with one of `ids`."""
    plan = _compiled(shape, conn.dialect)
    params = tuple(list(ids) if p is None else p for p in plan.params)
    result = await conn.exec_driver_sql(plan.sql, params)
    return {key: text for key, text in result.all()}
