"""What every entity type shares: construction from a row, and the Relay Node identity.

The types themselves are generated from the tables and the graph's relations
(gql.types.entities); this module holds what they are built from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

import strawberry
from sqlalchemy import Row
from strawberry import relay
from strawberry.types import Info


def graphql_name(python_name: str) -> str:
    """The GraphQL name of a field (camelCase, as Strawberry names fields)."""
    head, *rest = python_name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class FromRow:
    """A type built from one table row: its LL2 fields are copied from the row's columns of
    the same names (`id` becomes `ll2_id`); the whole row stays for the relation resolvers,
    which read the keys it holds."""

    table: ClassVar[str]
    # (python field name, column name) of each LL2 field, set when the type is generated.
    columns: ClassVar[tuple[tuple[str, str], ...]] = ()

    @classmethod
    def from_row(cls, row: Row[Any] | Mapping[str, Any]) -> Self:
        mapping = row._mapping if isinstance(row, Row) else row
        values = {name: mapping[column] for name, column in cls.columns}
        return cls(row=mapping, **values)  # type: ignore[call-arg]


@strawberry.type
class LL2Node(FromRow, relay.Node):
    """Base of every entity with an LL2 id: a global Relay `id`, and LL2's own id as
    `ll2Id`."""

    @classmethod
    def resolve_id(cls, root: Self, *, info: Info) -> str:  # type: ignore[override]
        return str(root.ll2_id)  # type: ignore[attr-defined]
