"""Indexes that serve a search (a case-insensitive substring, `ILIKE '%text%'`).

A b-tree cannot serve a substring; PostgreSQL's pg_trgm GIN index can (the index narrows the
rows by trigrams, the ILIKE is then checked on each). SQLite has no such index and scans: the
index exists on PostgreSQL only, so the schema comparison of migrations against these tables
leaves it out on other databases (`for_dialect`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Index

# The names of the indexes made by trigram_index: they exist on PostgreSQL only. (By name:
# an Index's `info` is not kept by Table.to_metadata, which schema comparisons use.)
POSTGRESQL_ONLY: set[str] = set()


def trigram_index(name: str, column: str) -> Index:
    """A pg_trgm GIN index on a text column, created on PostgreSQL only."""
    POSTGRESQL_ONLY.add(name)
    index = Index(name, column, postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"})
    return index.ddl_if(dialect="postgresql")


def for_dialect(dialect: str) -> Callable[[Any, str | None, str, bool, Any], bool]:
    """Alembic's `include_object` for comparing the tables with a database of `dialect`:
    PostgreSQL's own indexes are not expected elsewhere."""

    def include(_obj: Any, name: str | None, kind: str, _reflected: bool, _other: Any) -> bool:
        return dialect == "postgresql" or kind != "index" or name not in POSTGRESQL_ONLY

    return include
