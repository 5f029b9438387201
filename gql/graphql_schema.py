"""The schema as a graphql-core `GraphQLSchema`, built from Strawberry's public SDL.

Validation, cost checks and the compiled path work on graphql-core documents; Strawberry
keeps its own graphql-core schema private, so an equal one is built from the SDL it prints.
A schema built from SDL knows its custom scalars only by name, so the input scalars the
arguments use get their parsers here (the same ISO 8601 forms Strawberry accepts).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from graphql import GraphQLScalarType, GraphQLSchema, ValueNode, build_schema
from graphql.language import StringValueNode

PARSERS: dict[str, Any] = {"DateTime": datetime.fromisoformat, "Date": date.fromisoformat}


def _scalar(scalar: GraphQLScalarType, parse: Any) -> None:
    def parse_value(value: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"{scalar.name} cannot represent {value!r}")
        return parse(value)

    def parse_literal(node: ValueNode, _variables: Any = None) -> Any:
        if not isinstance(node, StringValueNode):
            raise TypeError(f"{scalar.name} cannot represent a non-string literal")
        return parse(node.value)

    scalar.parse_value = parse_value  # type: ignore[method-assign]
    scalar.parse_literal = parse_literal  # type: ignore[method-assign,assignment]
    # graphql-core 3.3 coerces inputs through these (named after graphql-js 17), 3.2 through
    # the two above.
    if hasattr(scalar, "coerce_input_value"):
        scalar.coerce_input_value = parse_value
        scalar.coerce_input_literal = parse_literal


def graphql_schema(schema: strawberry.Schema) -> GraphQLSchema:
    """graphql-core's schema for the Strawberry schema `schema`."""
    built = build_schema(schema.as_str())
    for name, parse in PARSERS.items():
        scalar = built.type_map.get(name)
        if isinstance(scalar, GraphQLScalarType):
            _scalar(scalar, parse)
    return built
