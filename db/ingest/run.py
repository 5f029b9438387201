"""Ingest files into a database: each file one transaction, in batches of objects.

Per file: `sources` streams the objects, `batch` flattens a batch of them into rows (with
`memo` skipping shared objects already written unchanged), `writer` turns the rows into bulk
ops and `sinks` hands them to the driver. The database applies batch N while Python
flattens batch N+1.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import sqlalchemy.exc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from launchgraph.db.changes import Changes, announce, publish_local
from launchgraph.db.ingest import sources
from launchgraph.db.ingest.batch import Batch, Stamp
from launchgraph.db.ingest.errors import IngestError
from launchgraph.db.ingest.gcpause import gc_paused
from launchgraph.db.ingest.memo import Memo
from launchgraph.db.ingest.shapes import kind_of
from launchgraph.db.ingest.sinks import Sink, data_tables, open_sink
from launchgraph.db.ingest.writer import bump_data_version, plan_writes, stored_stamps
from launchgraph.db.version import read as read_version

# Objects flattened and written together. Bigger batches mean fewer statements and fewer
# repeats of shared objects across batches; 2,000 nested events are ~20 MB of rows.
BATCH_SIZE = 2000
# Objects read or flattened between two turns of the event loop: the batch handed to the
# database before goes on meanwhile (its COPY data flushed to the socket, its next statement
# started), where a whole batch's Python work (~0.3 s) would leave the database idle.
YIELD_EVERY = 20
# Connections that VACUUM the tables after a load on PostgreSQL, at once: each VACUUM works on
# one core, and after a load nothing else needs them (half the time on two cores).
STATISTICS_CONNECTIONS = 2

# Data errors the database reports (a duplicate unique slug, say): the file is refused like
# a malformed one; connection and other errors propagate as they are.
_REFUSED = (
    sqlite3.IntegrityError,
    sqlite3.DataError,
    asyncpg.IntegrityConstraintViolationError,
    asyncpg.DataError,
    sqlalchemy.exc.IntegrityError,
    sqlalchemy.exc.DataError,
)


@dataclass
class Report:
    """What an ingest did: objects taken per file, and the files it refused."""

    objects: int = 0
    files: int = 0
    errors: list[IngestError] = field(default_factory=list)
    data_version: int | None = None
    changed: bool = False  # whether any stored row changed (and so the data version moved)
    changes: Changes = field(default_factory=Changes)  # which events and launches changed


@dataclass(frozen=True)
class Loaded:
    """What one transaction's load did: objects taken, and rows it wrote (0: no change)."""

    objects: int
    rows_written: int
    changes: Changes = field(default_factory=Changes)  # events and launches it changed


async def _next_chunk(items: Iterator[sources.Item], size: int) -> list[sources.Item] | None:
    """The next `size` items (fewer at the end; None when none are left), letting the event
    loop run between slices (see `_flatten_yielding`)."""
    chunk: list[sources.Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            break
        if len(chunk) % YIELD_EVERY == 0:
            await asyncio.sleep(0)
    return chunk or None


def _kind(item: sources.Item) -> str:
    kind = kind_of(item.obj) if type(item.obj) is dict else None
    if kind is None:
        raise IngestError("not an LL2 event or launch object", item.path, item.source)
    return kind


async def ingest_file(
    engine: AsyncEngine, path: Path, progress: Callable[[int], None] | None = None
) -> tuple[Loaded, int]:
    """Upsert every object of one file in one transaction; returns what it loaded and the
    data version after it (moved only if a row changed).

    Any IngestError, or data the database refuses, rolls the whole file back.
    """
    try:
        with gc_paused():
            async with engine.begin() as conn:
                loaded = await load(conn, sources.read(path), progress)
                version = await commit_version(conn, loaded)
    except _REFUSED as exc:
        raise IngestError(f"the database refused the data: {exc}", "$", str(path)) from exc
    publish_local(engine, loaded.changes)
    return loaded, version


async def commit_version(conn: AsyncConnection, loaded: Loaded) -> int:
    """The data version this transaction leaves: one more if it wrote any row (the bump's
    NOTIFY goes out with the commit), else the stored one, untouched, and nobody notified."""
    if loaded.rows_written:
        version = await bump_data_version(conn)
        await announce(conn, loaded.changes)  # with the commit too (SQLite: publish_local)
        return version
    return await read_version(conn)


def refused(exc: BaseException) -> bool:
    """Whether an exception is the database refusing data (rather than failing)."""
    return isinstance(exc, _REFUSED)


async def load(
    conn: AsyncConnection,
    items: Iterator[sources.Item],
    progress: Callable[[int], None] | None = None,
) -> Loaded:
    """Flatten and write objects batch by batch in the caller's transaction, as a two-stage
    pipeline: while the database applies batch N, Python flattens batch N+1 (see sinks.py).

    The caller commits (after `commit_version`) or rolls back; an IngestError says which
    object (its `path` and `source`) was malformed.
    """
    sink = await open_sink(conn)
    before = await sink.changes()
    found = Changes()
    count = await _load(sink, items, progress, found)
    await sink.finish()
    return Loaded(count, await sink.changes() - before, found)


async def _load(
    sink: Sink,
    items: Iterator[sources.Item],
    progress: Callable[[int], None] | None,
    found: Changes,
) -> int:
    memo = Memo()  # shared by the load's batches: a repeat is skipped in any later batch
    written: dict[str, dict[Any, Stamp]] = defaultdict(dict)  # stamps this load wrote
    pending: Awaitable[None] | None = None
    count = 0
    try:
        chunk = await _next_chunk(items, BATCH_SIZE)
        stored = await _lookup(sink, chunk, written) if chunk else {}
        while chunk is not None:
            batch = await _flatten_yielding(chunk, stored, memo)
            found.note(batch.stamps, stored)
            for table, stamps in batch.stamps.items():
                written[table].update(stamps)
            ops = plan_writes(batch, sink.dialect)
            next_chunk = await _next_chunk(items, BATCH_SIZE)
            if pending is not None:
                await pending
                pending = None
            # Looked up before this batch is handed over: the lookup must not wait for it.
            stored = await _lookup(sink, next_chunk, written) if next_chunk else {}
            pending = await sink.submit(ops)
            count += len(chunk)
            if progress:
                progress(len(chunk))
            chunk = next_chunk
        if pending is not None:
            await pending
            pending = None
    finally:
        if pending is not None:
            # Failing halfway: let the database finish what it was given before the rollback.
            with contextlib.suppress(Exception):
                await pending
    return count


async def _lookup(
    sink: Sink, chunk: list[sources.Item], written: dict[str, dict[Any, Stamp]]
) -> dict[str, dict[Any, Stamp]]:
    objects = [(_kind(item), item.obj) for item in chunk]
    return await stored_stamps(sink, objects, written)


def _flatten(
    chunk: list[sources.Item],
    stored: dict[str, dict[Any, Stamp]],
    memo: Memo,
    batch: Batch | None = None,
) -> Batch:
    """Flatten the items into `batch` (a new one when None) and return it."""
    if batch is None:
        batch = Batch(stored, memo)
    for item in chunk:
        try:
            batch.add(_kind(item), item.obj, item.path)
        except IngestError as exc:
            exc.source = exc.source or item.source
            raise
    return batch


async def _flatten_yielding(
    chunk: list[sources.Item], stored: dict[str, dict[Any, Stamp]], memo: Memo
) -> Batch:
    """`_flatten`, a slice at a time, with a turn of the event loop after each slice."""
    batch = Batch(stored, memo)
    for start in range(0, len(chunk), YIELD_EVERY):
        _flatten(chunk[start : start + YIELD_EVERY], stored, memo, batch)
        await asyncio.sleep(0)
    return batch


async def ingest(
    engine: AsyncEngine,
    paths: list[Path],
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Ingest files and folders; a bad file is reported and skipped, the others still land."""
    report = Report()
    try:
        files = sources.expand(paths)
    except IngestError as exc:
        report.errors.append(exc)
        return report
    for path in files:
        try:
            loaded, version = await ingest_file(engine, path, progress)
        except IngestError as exc:
            exc.source = exc.source or str(path)
            report.errors.append(exc)
            continue
        report.objects += loaded.objects
        report.files += 1
        report.data_version = version
        report.changed = report.changed or loaded.rows_written > 0
        report.changes.merge(loaded.changes)
    if report.changed:
        await refresh_statistics(engine)
    return report


async def refresh_statistics(engine: AsyncEngine) -> None:
    """Update the query planner's statistics (and, on PostgreSQL, the visibility map) after
    a load.

    A bulk load changes the tables far faster than autovacuum (when it runs at all) notices.
    Measured on 20,000 fresh events: PostgreSQL without statistics planned q1's launch join as
    a hash join over every launch, 1 s a request instead of 20 ms; on 200,000 events, counts
    (totalCount) without a fresh visibility map fetched every heap row, 18 ms instead of 2.5.
    Only the LL2 tables: a database-wide VACUUM also went through every system catalog,
    about a third of its time after a load of 5,000 events.
    """
    async with engine.connect() as conn:
        if conn.dialect.name != "postgresql":
            await conn.exec_driver_sql("ANALYZE")
            await conn.commit()
            return
        # Largest first, so that the connections below finish at about the same time.
        result = await conn.execute(
            text(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class"
                " WHERE relnamespace = current_schema()::regnamespace AND relname = ANY(:names)"
            ),
            {"names": data_tables()},
        )
        sizes = {name: size for name, size in result.all()}
        tables = sorted(data_tables(), key=lambda name: -sizes.get(name, 0))
        quote = conn.dialect.identifier_preparer.quote
    await asyncio.gather(
        *(_vacuum(engine, tables, quote) for _ in range(min(STATISTICS_CONNECTIONS, len(tables))))
    )


async def _vacuum(engine: AsyncEngine, tables: list[str], quote: Callable[[str], str]) -> None:
    """VACUUM (ANALYZE) the tables one by one, taking each from the shared list."""
    async with engine.connect() as conn:
        # VACUUM cannot run inside a transaction.
        auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
        while tables:
            await auto.exec_driver_sql(f"VACUUM (ANALYZE) {quote(tables.pop(0))}")
