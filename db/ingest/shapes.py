"""How each LL2 object maps to rows: its scalar fields, references, lists and owned children.

One `Entity` per table, derived from the table's described columns (db.tables) and its
relations (db.graph): nothing here is declared a second time.

Keys absent from a payload (older API versions send fewer) are left untouched in the database;
keys present with null are stored as null; unknown keys are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Column, Table

from launchgraph.db import graph
from launchgraph.db.coltypes import DecimalText, IntText, python_type
from launchgraph.db.ingest import scalars as s
from launchgraph.db.ingest.scalars import Coercer
from launchgraph.db.tables import metadata


@dataclass(frozen=True)
class Ref:
    """A nested object stored in its own table and referenced by a foreign-key column."""

    column: str
    entity: str


@dataclass(frozen=True)
class Link:
    """A nested list stored through a link table (owner_col, target_col, position)."""

    table: str
    owner_col: str
    target_col: str
    entity: str
    also_one: bool = False


@dataclass(frozen=True)
class Owned:
    """A nested list of objects that belong to the owner alone (no LL2 id of their own, or
    ids meaningful only inside the owner); a newer owner replaces them all."""

    table: str
    owner_col: str
    entity: str


@dataclass(frozen=True)
class Entity:
    """The mapping of one LL2 object type to one table."""

    table: str
    key: str = "id"
    key_coercer: Coercer = s.as_id
    scalars: dict[str, Coercer] = field(default_factory=dict)
    refs: dict[str, Ref] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)
    owned: dict[str, Owned] = field(default_factory=dict)
    # Nested {id, name[, code]} objects flattened into prefix_id / prefix_name columns.
    flattened: dict[str, dict[str, Coercer]] = field(default_factory=dict)
    # Entities with LL2's last_updated: an older copy never replaces a newer one.
    stamped: bool = False
    required: tuple[str, ...] = ()
    # LL2 keys sent as a string by older APIs and as an object by 2.3.0: key -> the columns
    # holding their text (the string, or the object's part), as (column, part, coercer).
    texts: dict[str, tuple[tuple[str, str, Coercer], ...]] = field(default_factory=dict)
    table_columns: frozenset[str] = frozenset()


_COERCERS: tuple[tuple[type, Coercer], ...] = (
    (bool, s.as_bool),
    (int, s.as_int),
    (float, s.as_float),
    (str, s.as_str),
    (datetime, s.as_datetime),  # before date, its base class
    (date, s.as_date),
)


def _coercer(column: Column) -> Coercer:
    """How a payload value becomes the column's value, from the column's type."""
    if isinstance(column.type, DecimalText):
        return s.as_decimal_text
    if isinstance(column.type, IntText):
        return s.as_int_text
    kind = python_type(column.type)
    return next(c for base, c in _COERCERS if issubclass(kind, base))


def _entity(table: Table) -> Entity:
    keyed = "id" in table.c and table.c.id.primary_key
    scalars: dict[str, Coercer] = {}
    flattened: dict[str, dict[str, Coercer]] = {}
    texts: dict[str, tuple[tuple[str, str, Coercer], ...]] = {}
    for column in table.c:
        if graph.description(column) is None or column.name == "id":
            continue
        nested = column.info.get("ll2")
        text = column.info.get("ll2_text")
        if text is not None:
            texts[text[0]] = (*texts.get(text[0], ()), (column.name, text[1], _coercer(column)))
            if text[0] != column.name:
                scalars[column.name] = _coercer(column)
        elif nested is None:
            scalars[column.name] = _coercer(column)
        else:
            flattened.setdefault(nested[0], {})[nested[1]] = _coercer(column)
    relations = graph.OF[table.name]
    return Entity(
        table.name,
        key="id" if keyed else "",
        key_coercer=s.as_uuid if keyed and python_type(table.c.id.type) is str else s.as_id,
        scalars=scalars,
        refs={
            key: Ref(r.fk, r.target) for r in relations if isinstance(r, graph.Ref) for key in r.ll2
        },
        links={
            key: Link(r.via, r.owner_col, r.target_col, r.target, r.also_one)
            for r in relations
            if isinstance(r, graph.Link)
            for key in r.ll2
        },
        owned={
            key: Owned(r.target, r.owner_col, r.target)
            for r in relations
            if isinstance(r, graph.Owned)
            for key in r.ll2
        },
        flattened=flattened,
        texts=texts,
        stamped="last_updated" in table.c,
        table_columns=frozenset(table.c.keys()),
        required=tuple(
            c.name
            for c in table.c
            if not c.nullable and not c.primary_key and graph.description(c) is not None
        ),
    )


# Every table with LL2 fields is an entity that payloads can carry.
ENTITIES: dict[str, Entity] = {
    table.name: _entity(table)
    for table in metadata.sorted_tables
    if any(graph.description(c) is not None for c in table.c)
}

# Parents before children, so foreign keys hold at every insert.
TABLE_ORDER = [
    name
    for name in ENTITIES
    if not any(isinstance(r, graph.Owned) and r.target == name for r in graph.RELATIONS)
]
LINK_TABLES = list(dict.fromkeys(r.via for r in graph.RELATIONS if isinstance(r, graph.Link)))
OWNED_TABLES = list(dict.fromkeys(r.target for r in graph.RELATIONS if isinstance(r, graph.Owned)))


def kind_of(obj: dict) -> str | None:
    """'launch' or 'event' for a top-level LL2 object, None when it is neither."""
    if "net" in obj or "rocket" in obj or "launch_service_provider" in obj:
        return "launch"
    if "date" in obj or "launches" in obj:
        return "event"
    return None
