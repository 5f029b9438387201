"""The largest values the columns hold, checked before a row is written, so an oversized value
is refused with its JSON path instead of failing inside the database (or being stored on one
store and refused by the other).

Integers are PostgreSQL INTEGER (SQLite would take more: both stores refuse the same data).
Text has no declared length, but an indexed column's value must fit a PostgreSQL btree entry
(at most 2,704 bytes): 512 characters are at most 2,048 UTF-8 bytes, and LL2 caps its names
at 255. Other text is capped far above anything LL2 sends (its longest descriptions are a few
thousand characters), so a 10 MB "name" or "description" is refused as bad input.
"""

from __future__ import annotations

from functools import cache

from launchgraph.db.tables import metadata

INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
TEXT_MAX = 65_536
INDEXED_TEXT_MAX = 512


@cache
def _indexed(table: str) -> frozenset[str]:
    t = metadata.tables[table]
    names = {c.name for index in t.indexes for c in index.columns}
    names |= {c.name for c in t.primary_key.columns}
    for constraint in t.constraints:
        names |= {c.name for c in getattr(constraint, "columns", ())}
    return frozenset(names)


def text_limit(table: str, column: str) -> int:
    """The most characters a text value of `table.column` may have."""
    return INDEXED_TEXT_MAX if column in _indexed(table) else TEXT_MAX


def too_large(size: str, limit: int) -> str:
    """The message of a value refused for its size."""
    return f"value too large for its column ({size}; at most {limit:,})"
