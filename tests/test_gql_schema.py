"""The schema: the committed SDL is the one the code builds, and every part of it that a
client sees in GraphiQL is described."""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
)

from launchgraph.gql.schema import schema, sdl
from tests.gql_helpers import REPO

BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


def test_committed_sdl_is_current() -> None:
    committed = (REPO / "schema.graphql").read_text()
    assert committed == sdl(), (
        "schema.graphql is out of date with the code: run "
        "`launchgraph export-schema > schema.graphql` and commit it"
    )


def undescribed(s: GraphQLSchema) -> list[str]:
    """Every type, field, argument, input field and enum value without a description."""
    missing = []

    def need(what: str, description: str | None) -> None:
        if not (description or "").strip():
            missing.append(what)

    for name, t in s.type_map.items():
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        need(name, t.description)
        if isinstance(t, GraphQLObjectType | GraphQLInterfaceType):
            for fname, f in t.fields.items():
                need(f"{name}.{fname}", f.description)
                for aname, a in f.args.items():
                    need(f"{name}.{fname}({aname})", a.description)
        elif isinstance(t, GraphQLInputObjectType):
            for fname, f in t.fields.items():
                need(f"{name}.{fname}", f.description)
        elif isinstance(t, GraphQLEnumType):
            for vname, v in t.values.items():
                need(f"{name}.{vname}", v.description)
    return missing


def test_everything_is_described() -> None:
    assert undescribed(schema._schema) == []


def test_the_description_check_sees_gaps() -> None:
    """The walk reaches fields, arguments, input fields and enum values."""
    from graphql import build_schema

    bare = build_schema(
        '"Q" type Query { "f" f(a: Int, "b" b: I): E g: Int }'
        ' "I" input I { x: Int } "E" enum E { A "B" B }'
    )
    assert sorted(undescribed(bare)) == ["E.A", "I.x", "Query.f(a)", "Query.g"]
