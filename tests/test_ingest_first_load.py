"""A load into an empty PostgreSQL store sets the foreign keys and non-unique indexes aside and
adds them back in the same transaction (sinks.PostgresSink.set_keys_aside), and copies new rows
straight into their tables: the keys and indexes come back exactly, whatever the load's end,
the rows are those the upserts store, and a store that holds rows is loaded with its keys in
place."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from launchgraph.db.ingest import run, sinks
from launchgraph.db.ingest.run import ingest
from tests.conftest import Store, need_real
from tests.test_ingest_support import (
    LL2_TABLES,
    dump,
    ingest_ok,
    seed_event,
    variant,
    write_lines,
)

KEYS = (
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
    " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1, 2"
)
INDEXES = (
    "SELECT tablename, indexname, indexdef FROM pg_indexes"
    " WHERE schemaname = current_schema() ORDER BY 1, 2"
)


async def _keys(engine: AsyncEngine, sql: str = KEYS) -> list[tuple[str, str, str]]:
    async with engine.connect() as conn:
        return [tuple(row) for row in (await conn.exec_driver_sql(sql)).all()]


def _set_aside(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many keys each load had set aside when it finished."""
    seen: list[int] = []
    finish = sinks.PostgresSink.finish

    async def spy(self: sinks.PostgresSink) -> None:
        seen.append(len(self.foreign_keys))
        await finish(self)

    monkeypatch.setattr(sinks.PostgresSink, "finish", spy)
    return seen


def _postgres_only(store: Store) -> None:
    if store.backend != "postgresql":
        pytest.skip("SQLite checks its foreign keys by index lookups, kept in place")


async def test_keys_set_aside_into_an_empty_store_come_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _postgres_only(store)
    before = await _keys(store.engine)
    indexes = await _keys(store.engine, INDEXES)
    assert before, "the schema declares foreign keys"
    seen = _set_aside(monkeypatch)
    events = [variant(seed_event(), id=352 + i, slug=f"e-{i}") for i in range(3)]
    await ingest_ok(store.engine, write_lines(tmp_path / "a.jsonl", events))
    assert seen == [len(before)]
    assert await _keys(store.engine) == before
    assert await _keys(store.engine, INDEXES) == indexes
    first = await dump(store.engine)
    # The store now holds rows: the next load keeps its keys, and changes nothing.
    await ingest_ok(store.engine, write_lines(tmp_path / "a.jsonl", events))
    assert seen == [len(before), 0]
    assert await _keys(store.engine) == before
    assert await dump(store.engine) == first


async def test_a_refused_first_load_leaves_the_keys_and_no_rows(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _postgres_only(store)
    before = await _keys(store.engine)
    indexes = await _keys(store.engine, INDEXES)
    empty = await dump(store.engine)
    good = variant(seed_event(), id=352)
    bad = variant(seed_event(), id=353, slug="bad", launches=[{"id": 7}])
    report = await ingest(store.engine, [write_lines(tmp_path / "b.jsonl", [good, bad])])
    assert len(report.errors) == 1 and report.errors[0].json_path.startswith("$.launches[0]")
    assert await _keys(store.engine) == before
    assert await _keys(store.engine, INDEXES) == indexes
    assert await dump(store.engine) == empty


async def test_a_first_load_stores_what_the_upserts_store(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New rows copied straight into their tables, repeats merged by the upserts: the same
    rows and data version as the upserts alone (keys in place) store. Small batches and
    every real payload in one file, twice (the second time backwards, so older copies come
    after newer ones), make the repeats cross batches."""
    _postgres_only(store)
    real = need_real()
    lines = [
        line
        for name in ("events.jsonl", "launches.jsonl", "stages.jsonl")
        for line in (real / name).read_text().splitlines()
        if line.strip()
    ]
    path = tmp_path / "all.jsonl"
    path.write_text("\n".join(lines + lines[::-1]) + "\n")
    monkeypatch.setattr(run, "BATCH_SIZE", 7)
    seen = _set_aside(monkeypatch)
    report = await ingest_ok(store.engine, path)
    assert seen and seen[0] > 0, "a first load"
    first = await dump(store.engine)
    await _empty(store.engine)

    async def keys_in_place(self: sinks.PostgresSink) -> None:
        return None

    monkeypatch.setattr(sinks.PostgresSink, "set_keys_aside", keys_in_place)
    assert (await ingest_ok(store.engine, path)).data_version == report.data_version
    assert await dump(store.engine) == first


async def test_a_first_load_refuses_text_postgresql_cannot_hold(
    store: Store, tmp_path: Path
) -> None:
    """A NUL character, which a text column cannot hold, refuses the file when its row is
    copied as when it is upserted: nothing stored, indexes back."""
    _postgres_only(store)
    indexes = await _keys(store.engine, INDEXES)
    bad = variant(seed_event(), id=354, name="nul \u0000 inside")
    report = await ingest(store.engine, [write_lines(tmp_path / "n.jsonl", [bad])])
    assert len(report.errors) == 1 and "refused" in str(report.errors[0])
    assert await _keys(store.engine, INDEXES) == indexes
    assert not any((await dump(store.engine)).values())


async def test_a_first_load_copies_while_the_next_batch_is_flattened(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The COPY of a batch's new rows is not awaited before the next batch is flattened: the
    database applies it meanwhile. The first COPY here waits until the second batch's
    flattening has begun, which never happens (and it times out) if the load waits for it."""
    _postgres_only(store)
    monkeypatch.setattr(run, "BATCH_SIZE", 1)
    flattened: list[int] = []
    next_batch = asyncio.Event()
    flatten = run._flatten

    def counting(*args: Any, **kwargs: Any) -> Any:
        flattened.append(len(args[0]))
        if len(flattened) >= 2:
            next_batch.set()
        return flatten(*args, **kwargs)

    monkeypatch.setattr(run, "_flatten", counting)
    overlapped: list[bool] = []
    copy = asyncpg.Connection.copy_records_to_table

    async def waiting(self: asyncpg.Connection, table_name: str, **kwargs: Any) -> Any:
        if table_name != sinks.PostgresSink.STAGE and not overlapped:
            try:
                await asyncio.wait_for(next_batch.wait(), 5)
                overlapped.append(True)
            except TimeoutError:
                overlapped.append(False)
        return await copy(self, table_name, **kwargs)

    monkeypatch.setattr(asyncpg.Connection, "copy_records_to_table", waiting)
    events = [variant(seed_event(), id=360 + i, slug=f"o-{i}") for i in range(2)]
    await ingest_ok(store.engine, write_lines(tmp_path / "o.jsonl", events))
    assert overlapped == [True]
    async with store.engine.connect() as conn:
        assert (await conn.exec_driver_sql("SELECT count(*) FROM event")).scalar_one() == 2


async def test_a_load_lets_the_event_loop_run_while_it_flattens(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading and flattening a batch yield to the event loop every YIELD_EVERY objects, so
    the database's work handed over before goes on (its data sent, its next statement
    started) meanwhile."""
    monkeypatch.setattr(run, "YIELD_EVERY", 2)
    turns = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal turns
        while not stop.is_set():
            turns += 1
            await asyncio.sleep(0)

    task = asyncio.ensure_future(ticker())
    events = [variant(seed_event(), id=370 + i, slug=f"t-{i}") for i in range(20)]
    path = write_lines(tmp_path / "t.jsonl", events)
    flatten = run._flatten
    during: list[int] = []

    def noting(*args: Any, **kwargs: Any) -> Any:
        during.append(turns)
        return flatten(*args, **kwargs)

    monkeypatch.setattr(run, "_flatten", noting)
    try:
        await ingest_ok(store.engine, path)
    finally:
        stop.set()
        await task
    # Ten slices of two objects, the loop turning between each and the next.
    assert len(during) == 10
    assert all(b > a for a, b in itertools.pairwise(during))


async def _empty(engine: AsyncEngine) -> None:
    """Every LL2 table and the data version emptied, their sequences started over."""
    names = ", ".join(t.name for t in LL2_TABLES)
    async with engine.begin() as conn:
        await conn.exec_driver_sql(f"TRUNCATE {names}, data_version RESTART IDENTITY")


async def test_a_load_waits_for_no_reader_of_the_empty_store(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader holding a lock on an empty table: the load goes on with its keys in place
    (after LOCK_WAIT) rather than queue every later reader behind it."""
    _postgres_only(store)
    monkeypatch.setattr(sinks.PostgresSink, "LOCK_WAIT", "100ms")
    seen = _set_aside(monkeypatch)
    async with store.engine.connect() as reader:
        await reader.exec_driver_sql("SELECT count(*) FROM launch")  # holds its lock
        events = [variant(seed_event(), id=352)]
        await ingest_ok(store.engine, write_lines(tmp_path / "c.jsonl", events))
        await reader.rollback()
    assert seen == [0]
    async with store.engine.connect() as conn:
        assert (await conn.exec_driver_sql("SELECT count(*) FROM event")).scalar_one() == 1


async def test_a_load_refreshes_the_planner_statistics(store: Store, tmp_path: Path) -> None:
    """Statistics of the loaded tables (and on PostgreSQL their visibility map) are fresh
    after a load: VACUUM ANALYZE of the LL2 tables, ANALYZE on SQLite."""
    await ingest_ok(store.engine, write_lines(tmp_path / "d.jsonl", [seed_event()]))
    async with store.engine.connect() as conn:
        if store.backend == "postgresql":
            await conn.exec_driver_sql("SELECT pg_stat_clear_snapshot()")
            row = (
                await conn.exec_driver_sql(
                    "SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL"
                    " FROM pg_stat_user_tables WHERE relname = 'launch'"
                )
            ).one()
            assert tuple(row) == (True, True)
        else:
            analyzed = await conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'launch'"
            )
            assert analyzed.scalar_one() > 0
