"""How each field of each object type is produced, read once from the Strawberry schema."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import strawberry
from graphql import (
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
)
from launchgraph.gql.types.base import Relation
from strawberry.types.field import StrawberryField

Serialize = Callable[[Any], Any]


def _iso(value: date | datetime) -> str:
    return value.isoformat()


# Same outputs as Strawberry's scalars: ISO 8601 text for dates, str for IDs.
SERIALIZERS: dict[str, Serialize] = {
    "DateTime": _iso,
    "Date": _iso,
    "ID": str,
    "Float": float,
}


def unwrap(gtype: GraphQLOutputType) -> tuple[GraphQLNamedType, bool]:
    """(named type, is a list) of a field's type, NonNull wrappers removed."""
    is_list = False
    while isinstance(gtype, GraphQLNonNull | GraphQLList):
        if isinstance(gtype, GraphQLList):
            is_list = True
        gtype = gtype.of_type
    return gtype, is_list


@dataclass(frozen=True)
class FieldSpec:
    """One field: where its value comes from and what GraphQL type it has."""

    kind: str  # "attr" | "method" | "relation" | "node_id"
    python_name: str
    target: GraphQLNamedType
    is_list: bool
    relation: Relation | None = None
    strawberry_field: StrawberryField | None = None
    gfield: GraphQLField | None = None
    serialize: Serialize | None = None


@dataclass
class TypeModel:
    name: str
    fields: dict[str, FieldSpec] = field(default_factory=dict)


def _spec(name: str, sfield: StrawberryField, gfield: GraphQLField) -> FieldSpec | None:
    target, is_list = unwrap(gfield.type)
    serialize = SERIALIZERS.get(target.name) if isinstance(target, GraphQLScalarType) else None
    resolver = sfield.base_resolver
    if resolver is None:
        return FieldSpec("attr", sfield.python_name, target, is_list, serialize=serialize)
    if name == "id" and target.name == "ID":
        return FieldSpec("node_id", sfield.python_name, target, is_list)
    relation = getattr(resolver.wrapped_func, "relation", None)
    if relation is not None:
        return FieldSpec(
            "relation", sfield.python_name, target, is_list, relation, sfield, gfield, serialize
        )
    others = [
        param
        for reserved, param in resolver.reserved_parameters.items()
        if param is not None and getattr(reserved, "name", None) != "self"
    ]
    if not resolver.arguments and not others:
        # A method of the object alone (Connection.nodes / totalCount).
        return FieldSpec("method", sfield.python_name, target, is_list, serialize=serialize)
    return None


def build(schema: strawberry.Schema) -> dict[str, TypeModel]:
    """Models of every object type whose fields this executor can produce; a field it cannot
    (one needing arguments or `info` without a declared relation) is left out, and a query
    selecting it is handed to graphql-core."""
    models: dict[str, TypeModel] = {}
    gschema = schema._schema
    for name, gtype in gschema.type_map.items():
        if name.startswith("__") or not isinstance(gtype, GraphQLObjectType):
            continue
        if gtype is gschema.query_type:
            continue
        definition = gtype.extensions.get("strawberry-definition")
        if definition is None:
            continue
        model = TypeModel(name)
        by_name = {schema.config.name_converter.get_graphql_name(f): f for f in definition.fields}
        for fname, gfield in gtype.fields.items():
            sfield = by_name.get(fname)
            if sfield is None:
                continue
            spec = _spec(fname, sfield, gfield)
            if spec is not None:
                model.fields[fname] = spec
        models[name] = model
    return models
