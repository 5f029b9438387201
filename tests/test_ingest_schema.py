"""The Alembic migrations build exactly the schema the models declare: a model change
without a migration makes this fail."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData
from sqlalchemy.engine import Connection

from launchgraph.db.tables import metadata
from launchgraph.db.tables.search import for_dialect
from tests.conftest import Store


def _differences(conn: Connection, target: MetaData) -> list[Any]:
    include = for_dialect(conn.dialect.name)
    context = MigrationContext.configure(
        conn, opts={"compare_type": True, "include_object": include}
    )
    return compare_metadata(context, target)


async def test_migrations_match_the_models(store: Store) -> None:
    async with store.engine.connect() as conn:
        assert await conn.run_sync(_differences, metadata) == []


async def test_a_model_change_without_migration_is_caught(store: Store) -> None:
    changed = MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["event"].append_column(Column("attendance", Integer))
    async with store.engine.connect() as conn:
        diffs = await conn.run_sync(_differences, changed)
    assert [(d[0], d[2], d[3].name) for d in diffs] == [("add_column", "event", "attendance")]


def test_sqlite_timestamps_are_stored_as_sqlalchemy_stores_them() -> None:
    """Ingest formats SQLite timestamps itself (writer.sqlite_utc_text, sqlite_utc_texts), for
    speed; the text
    must be exactly SQLAlchemy's, or keyset pagination and comparisons would break."""
    from datetime import UTC, datetime, timedelta, timezone

    from sqlalchemy.dialects import sqlite

    from launchgraph.db.coltypes import UTCDateTime
    from launchgraph.db.ingest.writer import sqlite_utc_text, sqlite_utc_texts

    dialect = sqlite.dialect()
    reference = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    values = [
        None,
        datetime(2024, 11, 19, 11, 13, 49, tzinfo=UTC),
        datetime(1957, 10, 4, 19, 28, 34, 123456, tzinfo=UTC),
        datetime(2030, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=9))),
        datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    ]
    assert [sqlite_utc_text(v) for v in values] == [reference(v) for v in values]
    # In bulk too (writer.sqlite_utc_texts): UTC instants without fractions, and lists
    # that have one, or another offset, or a naive value.
    whole = [None, values[1], datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC), None]
    for bulk in (whole, values, [values[1], values[3]], [datetime(2001, 2, 3), values[1]]):
        assert sqlite_utc_texts(bulk) == [reference(v) for v in bulk]
    assert sqlite_utc_texts([]) == []
