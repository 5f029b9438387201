"""What a Batch writes, as bulk ops for a sink; the stamps lookup; the data version.

Rows are grouped by the columns they carry and their values converted by each column's
SQLAlchemy bind processor, so the sinks hand the database what SQLAlchemy would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import cache, partial
from typing import Any

import orjson
from sqlalchemy import Table, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db.coltypes import UTCDateTime
from launchgraph.db.ingest.batch import Batch, Stamp
from launchgraph.db.ingest.bounds import INT_MAX, INT_MIN
from launchgraph.db.ingest.shapes import LINK_TABLES, OWNED_TABLES, TABLE_ORDER
from launchgraph.db.ingest.sinks import Op, Sink
from launchgraph.db.tables import metadata
from launchgraph.db.tables.meta import DataVersion


async def stored_stamps(
    sink: Sink, objects: list[tuple[str, Any]], written: dict[str, dict[Any, Stamp]]
) -> dict[str, dict[Any, Stamp]]:
    """last_updated of the events and launches these raw objects carry, as this file's
    transaction sees them: `written` (what the file wrote so far) over the database's.

    The database may not yet hold the last batch handed to the sink (it is applied while
    the next one is flattened), which is why the file's own stamps come first. A key in the
    answer also tells the writer the row exists (its stamp may be None), so it knows which
    owners may have links and owned rows to replace.
    """
    wanted: dict[str, set[Any]] = {"event": set(), "launch": set()}
    for kind, obj in objects:
        if type(obj) is not dict:
            continue
        wanted[kind].add(obj.get("id"))
        if kind == "event" and type(obj.get("launches")) is list:
            wanted["launch"].update(la.get("id") for la in obj["launches"] if type(la) is dict)
    found: dict[str, dict[Any, Stamp]] = {}
    for name, ids in wanted.items():
        # Keys no column can hold are never stored: left out here, refused when flattened.
        if name == "launch":
            ids = {i.lower() for i in ids if type(i) is str and len(i) == 36}
        else:
            ids = {i for i in ids if type(i) is int and INT_MIN <= i <= INT_MAX}
        mine = written.get(name, {})
        unknown = sorted(i for i in ids if i not in mine)
        found[name] = dict(await sink.stamps(metadata.tables[name], unknown)) if unknown else {}
        found[name].update((i, mine[i]) for i in ids if i in mine)
    return found


def sqlite_utc_text(value: datetime | None) -> str | None:
    """What SQLAlchemy stores for a UTCDateTime on SQLite (naive UTC text with microseconds),
    made in one C call instead of its chain of processors: ~130,000 timestamps per 20,000
    events. tests/test_ingest_schema.py checks it against SQLAlchemy's own."""
    if value is None:
        return None
    if value.tzinfo is not UTC:  # ingest's are UTC already (scalars.as_datetime)
        value = value.astimezone(UTC)
    # An aware UTC instant's text ends in "+00:00": cut, rather than a naive copy made.
    return value.isoformat(" ", "microseconds")[:-6]


def sqlite_utc_texts(values: list[datetime | None]) -> list[str | None]:
    """`sqlite_utc_text` of each value, in bulk: orjson writes them all in one C call, and
    the few characters that differ from SQLAlchemy's text are replaced in the JSON at once
    (about a tenth of the time of one call per value). Only when every value is None or a
    UTC instant without a fraction of a second; otherwise one by one."""
    blob = orjson.dumps(values, option=orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC)
    # "YYYY-MM-DDTHH:MM:SSZ" for each instant: any fraction has a point, any other offset
    # no "Z" (naive values are UTC, as for sqlite_utc_text).
    if b"." in blob or blob.count(b'Z"') != len(values) - values.count(None):
        return [sqlite_utc_text(v) for v in values]
    result: list[str | None] = orjson.loads(blob.replace(b"T", b" ").replace(b'Z"', b'.000000"'))
    return result


def _pg_utc(proc: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any]]:
    """UTCDateTime's bind processor on PostgreSQL for a column's values at once: it returns a
    UTC instant unchanged, which ingest's timestamps are (scalars.as_datetime); so only the
    others go through it."""

    def convert(values: list[Any]) -> list[Any]:
        return [v if v is None or v.tzinfo is UTC else proc(v) for v in values]

    return convert


@cache
def _processors(dialect: Dialect, table: Table) -> dict[str, Callable[[list[Any]], list[Any]]]:
    """Each column's SQLAlchemy bind processor, where it has one (timestamps, dates ...),
    applied to a list of the column's values."""
    procs: dict[str, Callable[[list[Any]], list[Any]]] = {}
    for col in table.columns:
        if dialect.name == "sqlite" and isinstance(col.type, UTCDateTime):
            procs[col.name] = sqlite_utc_texts
            continue
        proc = col.type.dialect_impl(dialect).bind_processor(dialect)
        if proc is None:
            continue
        if isinstance(col.type, UTCDateTime):
            procs[col.name] = _pg_utc(proc)
        else:
            procs[col.name] = partial(_each, proc)
    return procs


def _each(proc: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    return [proc(v) for v in values]


def _groups(
    dialect: Dialect, table: Table, rows: Iterable[dict[str, Any]]
) -> list[tuple[tuple[str, ...], list[dict[str, Any]]]]:
    """Rows grouped by the columns they carry, values converted for the driver.

    LL2 sends the same object in mini and full shapes, so rows of one table differ in keys;
    each group updates only its own columns.
    """
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(row)
    procs = _processors(dialect, table)
    for cols, group in groups.items():
        for col in cols:
            proc = procs.get(col)
            if proc is not None:
                for row, value in zip(group, proc([row[col] for row in group]), strict=True):
                    row[col] = value
    return list(groups.items())


def _owner_table(table: Table, owner_col: str) -> str:
    (fk,) = table.c[owner_col].foreign_keys
    return fk.column.table.name


def _maybe_stored(batch: Batch, owner_table: str, owners: Iterable[Any]) -> list[Any]:
    """Owners that may already have links or owned rows: all, except events and launches the
    database did not hold before this batch (their stamps lookup found nothing)."""
    stored = batch.stored.get(owner_table)
    if stored is None:
        return list(owners)
    return [key for key in owners if key in stored]


def plan_writes(batch: Batch, dialect: Dialect) -> list[Op]:
    """The ops that store a batch: upsert every row (parents first, so foreign keys hold),
    then make the links and owned rows of every owner in the batch what the batch says.

    Links and owned rows are replaced by difference, not wholesale: an owner's rows that its
    new list no longer holds are pruned, the others upserted in place (by link target, or by
    position for owned rows), so an unchanged list writes nothing.
    """
    ops: list[Op] = []
    for name in TABLE_ORDER:
        rows = batch.rows.get(name)
        if rows:
            table = metadata.tables[name]
            for cols, values in _groups(dialect, table, rows.values()):
                ops.append(Op("upsert", table, cols, values))
    for name in LINK_TABLES:
        owners = batch.links.get(name)
        if not owners:
            continue
        table = metadata.tables[name]
        owner_col, target_col = (c.name for c in table.primary_key)
        values = [
            {owner_col: owner, target_col: target, "position": i}
            for owner, targets in owners.items()
            for i, target in enumerate(targets)
        ]
        stale = _maybe_stored(batch, _owner_table(table, owner_col), owners)
        if stale:
            keep = [(row[owner_col], row[target_col]) for row in values]
            ops.append(Op("prune", table, (owner_col, target_col), keep, owners=stale))
        if values:
            ops.append(Op("upsert", table, (owner_col, target_col, "position"), values))
    for name in OWNED_TABLES:
        owned = batch.owned.get(name)
        if owned:
            ops.extend(_owned_ops(batch, dialect, metadata.tables[name], owned))
    return ops


def _owned_ops(
    batch: Batch,
    dialect: Dialect,
    table: Table,
    owned: dict[tuple[str, Any], list[dict[str, Any]]],
) -> list[Op]:
    """Owned rows (info and video links, updates), per owner column: rows keyed by LL2's id
    are matched by id, the others (surrogate key) by their owner and position."""
    keyed = "id" in table.c
    # Every row carries every column: a replaced row must not keep a value its new copy lacks.
    # Plain str names: orjson takes no str subclasses (SQLAlchemy's quoted_name) as keys.
    columns = [str(c.name) for c in table.columns if keyed or not c.primary_key]
    by_col: dict[str, dict[Any, list[dict[str, Any]]]] = defaultdict(dict)
    for (owner_col, owner), children in owned.items():
        by_col[owner_col][owner] = children
    ops: list[Op] = []
    for owner_col, owners in by_col.items():
        key = "id" if keyed else "position"
        rows = [
            {col: child.get(col) for col in columns}
            for children in owners.values()
            for child in children
        ]
        if keyed:
            # One row per id (the last), as one statement may not update a row twice.
            rows = list({row["id"]: row for row in rows}.values())
        stale = _maybe_stored(batch, _owner_table(table, owner_col), owners)
        if stale:
            keep = [(row[owner_col], row[key]) for row in rows]
            ops.append(Op("prune", table, (owner_col, key), keep, owners=stale))
        conflict = ("id",) if keyed else (owner_col, "position")
        for cols, values in _groups(dialect, table, rows):
            ops.append(Op("upsert", table, cols, values, conflict=conflict))
    return ops


def _insert(conn: AsyncConnection, table: Table) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


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


__all__ = ["bump_data_version", "plan_writes", "stored_stamps"]
