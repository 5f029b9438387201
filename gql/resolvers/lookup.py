"""Single-object lookups by exactly one of: global `id`, `ll2Id`, or `slug`."""

from __future__ import annotations

import re
from typing import Any

from strawberry import relay

from launchgraph.db.coltypes import python_type
from launchgraph.db.tables import metadata
from launchgraph.gql.errors import INVALID_ARGUMENT, INVALID_ID, UserError
from launchgraph.gql.types.base import LL2Node
from launchgraph.gql.types.entities import TYPES


def exactly_one(**given: Any) -> str:
    """The name of the single argument given; an error unless exactly one is."""
    named = [name for name, value in given.items() if value is not None]
    if len(named) != 1:
        raise UserError(
            f"Pass exactly one of {', '.join('`' + n + '`' for n in given)}.", INVALID_ARGUMENT
        )
    return named[0]


def decode_global_id(global_id: str) -> tuple[str, str]:
    """(GraphQL type name, LL2 id text) of a Relay global id; INVALID_ID if malformed."""
    try:
        gid = relay.GlobalID.from_id(global_id)
    except Exception:
        raise UserError(f"{global_id!r} is not a valid global id.", INVALID_ID) from None
    return gid.type_name, gid.node_id


def ll2_key(table: str, text: str) -> Any:
    """LL2 id text as the table's key type (int, or a UUID string for launches)."""
    if python_type(metadata.tables[table].c.id.type) is str:  # a UUID
        if "\x00" in text:
            raise UserError(f"{text!r} is not a valid id here.", INVALID_ID)
        return text.lower()
    # LL2 ids are 32-bit integers (the columns' range); anything else would fail in the
    # database driver.
    key = int(text) if re.fullmatch(r"-?[0-9]{1,10}", text) else None
    if key is None or not -(2**31) <= key < 2**31:
        raise UserError(f"{text!r} is not a valid id here.", INVALID_ID)
    return key


def table_of_type(type_name: str) -> str | None:
    """The table behind a Node type name (None for unknown or non-Node types)."""
    for table, cls in TYPES.items():
        if cls.__name__ == type_name and issubclass(cls, LL2Node):
            return table
    return None


def key_for(table: str, global_id: str) -> Any:
    """The LL2 key inside a global id that must name a `table` object."""
    type_name, node_id = decode_global_id(global_id)
    expected = TYPES[table].__name__
    if type_name != expected:
        raise UserError(f"The id names a {type_name}, not a {expected}.", INVALID_ID)
    return ll2_key(table, node_id)


def node_key(global_id: str) -> tuple[str, Any]:
    """(table, LL2 key) of any object's global id."""
    type_name, node_id = decode_global_id(global_id)
    table = table_of_type(type_name)
    if table is None:
        raise UserError(f"The id names an unknown type {type_name!r}.", INVALID_ID)
    return table, ll2_key(table, node_id)
