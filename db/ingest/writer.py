"""Upsert a Batch into the database inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from db.ingest.batch import Batch, Stamp
from db.ingest.shapes import LINK_TABLES, OWNED_TABLES, TABLE_ORDER, kind_of
from db.tables import metadata
from db.tables.meta import DataVersion

# Keeps each statement's bind parameters under SQLite's and asyncpg's limits.
_CHUNK = 500


def _insert(conn: AsyncConnection, table: Table) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


async def stored_stamps(conn: AsyncConnection, objects: list[tuple[str, Any]]) -> dict[str, dict]:
    """last_updated already stored for the events and launches these raw objects carry."""
    wanted: dict[str, set[Any]] = {"event": set(), "launch": set()}
    for kind, obj in objects:
        if type(obj) is not dict:
            continue
        wanted[kind].add(obj.get("id"))
        if kind == "event" and type(obj.get("launches")) is list:
            wanted["launch"].update(la.get("id") for la in obj["launches"] if type(la) is dict)
    found: dict[str, dict[Any, Stamp]] = {}
    for name, ids in wanted.items():
        ids = {i for i in ids if isinstance(i, int | str)}
        if name == "launch":
            ids = {i.lower() for i in ids if isinstance(i, str)}
        else:
            ids = {i for i in ids if type(i) is int}
        table = metadata.tables[name]
        found[name] = {}
        for chunk in _chunks(sorted(ids)):
            result = await conn.execute(
                select(table.c.id, table.c.last_updated).where(table.c.id.in_(chunk))
            )
            found[name].update(tuple(row) for row in result.all())
    return found


async def _upsert(conn: AsyncConnection, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    # Rows of one statement must share columns; LL2 sends the same object in mini and full
    # shapes, so group by the set of keys and update only the keys each shape carries.
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(row))].append(row)
    pk = [c.name for c in table.primary_key]
    for cols, group in groups.items():
        stmt = _insert(conn, table)
        updates = {c: stmt.excluded[c] for c in cols if c not in pk}
        stmt = (
            stmt.on_conflict_do_update(index_elements=pk, set_=updates)
            if updates
            else stmt.on_conflict_do_nothing(index_elements=pk)
        )
        for chunk in _chunks(group):
            await conn.execute(stmt, chunk)


async def write_batch(conn: AsyncConnection, batch: Batch) -> None:
    """Upsert every row, then replace the links and owned rows of every owner in the batch."""
    for name in TABLE_ORDER:
        rows = batch.rows.get(name)
        if rows:
            await _upsert(conn, metadata.tables[name], rows.values())
    for name in LINK_TABLES:
        owners = batch.links.get(name)
        if not owners:
            continue
        table = metadata.tables[name]
        owner_col, target_col = (c.name for c in table.primary_key)
        for chunk in _chunks(list(owners)):
            await conn.execute(delete(table).where(table.c[owner_col].in_(chunk)))
        rows = [
            {owner_col: owner, target_col: target, "position": i}
            for owner, targets in owners.items()
            for i, target in enumerate(targets)
        ]
        for chunk in _chunks(rows):
            await conn.execute(table.insert(), chunk)
    for name in OWNED_TABLES:
        owners = batch.owned.get(name)
        if not owners:
            continue
        table = metadata.tables[name]
        by_col: dict[str, list[Any]] = defaultdict(list)
        for owner_col, owner in owners:
            by_col[owner_col].append(owner)
        for owner_col, keys in by_col.items():
            for chunk in _chunks(keys):
                await conn.execute(delete(table).where(table.c[owner_col].in_(chunk)))
        rows = [row for children in owners.values() for row in children]
        if name == "event_update":
            await _upsert(conn, table, rows)
        else:
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
            for row in rows:
                groups[tuple(sorted(row))].append(row)
            for group in groups.values():
                for chunk in _chunks(group):
                    await conn.execute(table.insert(), chunk)


async def bump_data_version(conn: AsyncConnection) -> int:
    """Count one more change of the data; readers compare it to know their caches are stale."""
    table = DataVersion.__table__
    now = datetime.now(UTC)
    result = await conn.execute(
        update(table)
        .where(table.c.id == 1)
        .values(version=table.c.version + 1, updated_at=now)
        .returning(table.c.version)
    )
    version = result.scalar()
    if version is None:
        await conn.execute(_insert(conn, table).values(id=1, version=1, updated_at=now))
        version = 1
    if conn.dialect.name == "postgresql":
        await conn.exec_driver_sql(f"NOTIFY launchgraph_data, '{int(version)}'")
    return int(version)


__all__ = ["bump_data_version", "kind_of", "stored_stamps", "write_batch"]
