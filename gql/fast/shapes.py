"""GraphQL selections on entity types turned into db.queries.json_objects shapes, so
PostgreSQL can render whole subtrees of a response as JSON in one statement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import FieldNode, SelectionSetNode
from launchgraph.db.queries import json_objects as j
from launchgraph.db.tables import metadata
from launchgraph.gql.fast.model import FieldSpec, TypeModel
from launchgraph.gql.types.base import TYPES, Many, One

Collect = Callable[[list[SelectionSetNode], str], dict[str, list[FieldNode]]]


def table_of(type_name: str) -> str | None:
    """The table behind an entity type name (None for connections, page info ...)."""
    for table, cls in TYPES.items():
        if cls.__name__ == type_name:
            return table
    return None


def build_shape(
    type_name: str,
    nodes: list[FieldNode],
    models: dict[str, TypeModel],
    collect: Collect,
) -> j.Shape | None:
    """The shape of `type_name` objects selected by `nodes`; None when some field cannot be
    rendered in SQL (connections inside objects, methods ...)."""
    table_name = table_of(type_name)
    model = models.get(type_name)
    if table_name is None or model is None:
        return None
    table = metadata.tables[table_name]
    keys: list[tuple[str, Any]] = []
    sel_sets = [n.selection_set for n in nodes if n.selection_set]
    for key, fnodes in collect(sel_sets, type_name).items():
        name = fnodes[0].name.value
        if name == "__typename":
            keys.append((key, j.Literal(type_name)))
            continue
        spec: FieldSpec | None = model.fields.get(name)
        if spec is None:
            return None
        value = _value(spec, type_name, table, fnodes, models, collect)
        if value is None:
            return None
        keys.append((key, value))
    shape = j.Shape(table_name, tuple(keys))
    return shape if j.supported(shape) else None


def _value(
    spec: FieldSpec,
    type_name: str,
    table: Any,
    fnodes: list[FieldNode],
    models: dict[str, TypeModel],
    collect: Collect,
) -> Any:
    if spec.kind == "node_id":
        return j.GlobalId(type_name)
    if spec.kind == "attr":
        column = "id" if spec.python_name == "ll2_id" else spec.python_name
        if column not in table.c:
            return None
        as_float = spec.target.name == "Float" and str(table.c[column].type).upper().startswith(
            ("VARCHAR", "TEXT")
        )
        return j.Column(column, as_float)
    if spec.kind != "relation":
        return None
    rel = spec.relation
    child = build_shape(spec.target.name, fnodes, models, collect)
    if child is None:
        return None
    if isinstance(rel, One):
        return j.ToOne(rel.table, rel.fk, child)
    if isinstance(rel, Many):
        return j.ToMany(rel.relation, child)
    return None
