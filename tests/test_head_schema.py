"""An empty store gets the head schema from `db/migrations/head/` at once: it must be exactly
the schema the migrations build, on both stores, stamped at the newest migration; a store
that is not empty still goes through Alembic."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db import head_schema, schema
from launchgraph.db.engine import make_engine
from tests.conftest import Store, _Postgres

# Everything a PostgreSQL schema holds that the migrations make, in a stable order.
PG_CATALOG = {
    "relations": "SELECT c.relname, c.relkind FROM pg_class c"
    " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
    " ORDER BY 1",
    "columns": "SELECT table_name, ordinal_position, column_name, data_type, udt_name,"
    " character_maximum_length, numeric_precision, numeric_scale, is_nullable,"
    " column_default, is_identity FROM information_schema.columns"
    " WHERE table_schema = current_schema() ORDER BY 1, 2",
    "constraints": "SELECT conrelid::regclass::text, conname, contype,"
    " pg_get_constraintdef(oid) FROM pg_constraint"
    " WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes"
    " WHERE schemaname = current_schema() ORDER BY 1, 2",
    "sequences": "SELECT sequence_name, data_type, start_value, increment, maximum_value"
    " FROM information_schema.sequences WHERE sequence_schema = current_schema() ORDER BY 1",
    "extensions": "SELECT extname FROM pg_extension ORDER BY 1",
    "stamp": "SELECT version_num FROM alembic_version",
}
SQLITE_CATALOG = {
    "schema": "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
    "stamp": "SELECT version_num FROM alembic_version",
}
# The table-level clauses of a CREATE TABLE SQLite keeps. Alembic's batch mode, which rebuilds
# SQLite tables, writes a table's foreign keys (and creates its indexes) in an order that
# changes from one run to the next (it follows Python's string hashing): two upgrades of empty
# stores differ in that order alone. Columns keep their order.
_CLAUSES = ("FOREIGN KEY", "CONSTRAINT", "UNIQUE", "PRIMARY KEY", "CHECK")


def _sqlite_entry(row: tuple[Any, ...]) -> tuple[Any, ...]:
    kind, name, table, sql = row
    if kind != "table" or sql is None:
        return row
    lines = [line.strip().rstrip(",").strip() for line in sql.splitlines()]
    columns = [line for line in lines if not line.startswith(_CLAUSES)]
    clauses = sorted(line for line in lines if line.startswith(_CLAUSES))
    return kind, name, table, columns, clauses


async def describe(url: str) -> dict[str, list[Any]]:
    """The store's schema, as its catalog tells it."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                return {name: await _rows(conn, sql) for name, sql in PG_CATALOG.items()}
            found = {name: await _rows(conn, sql) for name, sql in SQLITE_CATALOG.items()}
            found["schema"] = [_sqlite_entry(row) for row in found["schema"]]
            return found
    finally:
        await engine.dispose()


async def _rows(conn: AsyncConnection, sql: str) -> list[Any]:
    return [tuple(row) for row in await conn.exec_driver_sql(sql)]


async def _empty_store(store: Store, postgres: _Postgres, tmp_path: Path, name: str) -> str:
    if store.backend == "sqlite":
        return f"sqlite:///{tmp_path / name}.db"
    return await postgres.empty()


@pytest.fixture
async def empties(store: Store, postgres: _Postgres, tmp_path: Path) -> list[str]:
    """Two empty stores of the backend of `store`."""
    return [await _empty_store(store, postgres, tmp_path, name) for name in ("a", "b")]


def test_the_files_are_at_the_newest_migration() -> None:
    newest = head_schema.newest_migration()
    assert [head_schema.head(dialect) for dialect in head_schema.DIALECTS] == [newest, newest]


async def test_the_head_schema_is_what_the_migrations_build(empties: list[str]) -> None:
    from_files, migrated = empties
    await schema.upgrade(from_files)
    await asyncio.to_thread(schema.alembic_upgrade, migrated)
    described = await describe(from_files)
    assert described["stamp"] == [(head_schema.newest_migration(),)]
    assert described == await describe(migrated)


async def test_the_comparison_sees_a_difference(empties: list[str]) -> None:
    first, second = empties
    await schema.upgrade(first)
    await schema.upgrade(second)
    engine = make_engine(second)
    async with engine.begin() as conn:
        await conn.exec_driver_sql("CREATE INDEX ix_extra ON event (name)")
    await engine.dispose()
    assert await describe(first) != await describe(second)


async def test_a_store_behind_the_head_is_migrated_by_alembic(empties: list[str]) -> None:
    behind, reference = empties
    config = schema.alembic_config(behind)
    await asyncio.to_thread(command.upgrade, config, "0006")
    await schema.upgrade(behind)
    await schema.upgrade(reference)
    assert await describe(behind) == await describe(reference)


async def test_a_store_at_the_head_is_left_as_it_is(store: Store) -> None:
    before = await describe(store.url)
    async with store.engine.begin() as conn:
        assert await head_schema.bring_to_head(conn)
    assert await describe(store.url) == before
