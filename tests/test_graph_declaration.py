"""The graph is declared once (db.tables, db.graph) and every layer reads that declaration:
the GraphQL types and ingest are derived from it, not written again."""

from __future__ import annotations

from launchgraph.db import graph
from launchgraph.db.ingest.shapes import ENTITIES
from launchgraph.db.tables import MODELS, metadata
from launchgraph.gql.schema import schema
from launchgraph.gql.types.base import graphql_name
from launchgraph.gql.types.entities import TYPES

INTERNAL = {"position", "pk", "as_of"}


def relation_keys(table: str) -> set[str]:
    keys = {r.fk for r in graph.RELATIONS if isinstance(r, graph.Ref) and r.owner == table}
    keys |= {r.owner_col for r in graph.RELATIONS if isinstance(r, graph.Owned)}
    return keys


def test_every_entity_column_is_a_described_field_or_a_relation_key() -> None:
    for table in ENTITIES:
        for column in metadata.tables[table].c:
            if graph.description(column) is None:
                assert column.name in relation_keys(table) | INTERNAL, f"{table}.{column.name}"


def test_graphql_fields_are_the_described_columns_and_the_relations() -> None:
    for table, cls in TYPES.items():
        gtype = schema.get_type_by_name(cls.__name__)
        fields = {f.graphql_name or graphql_name(f.python_name): f for f in gtype.fields}
        for column in metadata.tables[table].c:
            description = graph.description(column)
            if description is None:
                continue
            name = "ll2Id" if column.name == "id" else graphql_name(column.name)
            assert fields[name].description == description, f"{table}.{column.name}"
        for rel in graph.OF[table]:
            assert fields[graphql_name(rel.name)].description == rel.description
        assert gtype.description == metadata.tables[table].info["description"]


def test_ingest_reads_every_described_column_and_relation() -> None:
    for table, entity in ENTITIES.items():
        described = {
            c.name
            for c in metadata.tables[table].c
            if graph.description(c) is not None
            and c.name != "id"
            and "ll2" not in c.info
            # A text_of column named as its own key reads only that key's text.
            and c.info.get("ll2_text", ("",))[0] != c.name
        }
        assert set(entity.scalars) == described, table
        refs = {key for r in graph.OF[table] if isinstance(r, graph.Ref) for key in r.ll2}
        assert set(entity.refs) == refs, table


def test_every_relation_joins_declared_tables() -> None:
    for rel in graph.RELATIONS:
        assert rel.owner in MODELS and rel.target in MODELS, rel
        if isinstance(rel, graph.Ref):
            assert rel.fk in metadata.tables[rel.owner].c, rel
        if isinstance(rel, graph.Link):
            via = metadata.tables[rel.via]
            assert {rel.owner_col, rel.target_col, "position"} <= set(via.c.keys()), rel
