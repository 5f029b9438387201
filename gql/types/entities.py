"""Every entity type of the graph, generated from its table and its relations.

A type's LL2 fields are its table's described columns (db.tables: name, Python type,
nullability and description come from there); its relation fields are the relations that
db.graph declares for it, resolved by gql.types.relations. Nothing about a field is written
here: adding an LL2 field to a table adds it to the schema.
"""

from __future__ import annotations

from typing import Any

import strawberry
from sqlalchemy import Column, Table

from launchgraph.db import graph
from launchgraph.db.coltypes import python_type
from launchgraph.db.graph import Relation
from launchgraph.db.tables import MODELS, metadata
from launchgraph.gql.types import relations
from launchgraph.gql.types.base import FromRow, LL2Node, graphql_name

# table name -> its Strawberry type
TYPES: dict[str, type[FromRow]] = {}
# GraphQL type name -> GraphQL field name -> the column or relation it shows
FIELDS: dict[str, dict[str, Column[Any] | Relation]] = {}


def _is_node(table: Table) -> bool:
    return "id" in table.c and table.c.id.primary_key


def _annotation(column: Column[Any]) -> Any:
    kind: Any = strawberry.ID if column.name == "id" else python_type(column.type)
    return kind | None if column.nullable else kind


def _bare(table: Table, name: str) -> type[FromRow]:
    """The type with its LL2 fields, before its relations are added."""
    annotations: dict[str, Any] = {"row": strawberry.Private[Any]}
    namespace: dict[str, Any] = {"table": table.name, "__module__": __name__}
    columns = []
    fields: dict[str, Column[Any] | Relation] = {}
    # LL2's id first, as LL2 lists it (columns of mixins, such as counters, come first).
    for column in sorted(table.c, key=lambda c: c.name != "id"):
        description = graph.description(column)
        if description is None:
            continue
        python = "ll2_id" if column.name == "id" else column.name
        annotations[python] = _annotation(column)
        namespace[python] = strawberry.field(name=graphql_name(python), description=description)
        columns.append((python, column.name))
        fields[graphql_name(python)] = column
    namespace["__annotations__"] = annotations
    namespace["columns"] = tuple(columns)
    FIELDS[name] = fields
    return type(name, (LL2Node if _is_node(table) else FromRow,), namespace)


def _build() -> None:
    bare = {
        table: _bare(metadata.tables[table], model.__name__)
        for table, model in MODELS.items()
        if any(graph.description(c) is not None for c in metadata.tables[table].c)
    }
    for table, cls in bare.items():
        for rel in graph.OF[table]:
            python = rel.name
            setattr(cls, python, relations.field(rel, bare[rel.target]))
            FIELDS[cls.__name__][graphql_name(python)] = rel
        description = metadata.tables[table].info["description"]
        TYPES[table] = strawberry.type(cls, description=description)
        globals()[cls.__name__] = TYPES[table]


_build()
