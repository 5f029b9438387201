"""Bulk writes on the driver connection, inside SQLAlchemy's open transaction.

Ingest writes hundreds of thousands of rows. SQLAlchemy's per-row parameter handling costs
more than the database work, so the writer hands each batch to a sink as a list of `Op`s
(whole groups of value tuples) and the sink gives them to the driver in bulk:

- SQLite: one statement per op, all rows in a single JSON parameter expanded by
  `json_each`, so sqlite3 runs the op in one step without taking Python's GIL per row.
- PostgreSQL: COPY into temporary staging tables, then one multi-statement script that moves
  the staged rows into place (COPY's binary encoding is several times cheaper in Python
  than binding the same values as parameters or arrays).

`submit` returns once the work is handed over and gives back an awaitable for its end, so
the next batch is flattened in Python while the database applies this one (two cores).
Values arrive converted by each column's own SQLAlchemy bind processor (writer.py), so what
is stored is exactly what SQLAlchemy would store. Everything runs in the transaction
SQLAlchemy began on the same connection, so its commit or rollback covers it.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Protocol

import orjson
from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection


@dataclass(frozen=True)
class Op:
    """One bulk write. upsert: insert rows, on a key conflict update only `cols` (the keys
    the payload carried). insert: rows that cannot conflict (links and owned rows, whose
    owners' old rows were deleted first). delete: rows whose `cols[0]` is one of `rows`."""

    kind: Literal["upsert", "insert", "delete"]
    table: Table
    cols: tuple[str, ...]
    rows: Sequence[Any]


class Sink(Protocol):
    dialect: Dialect

    async def submit(self, ops: list[Op]) -> Awaitable[None]:
        """Hand the ops over in order; await the result for their completion."""
        ...

    async def stamps(self, table: Table, ids: list[Any]) -> list[tuple[Any, Any]]:
        """(id, last_updated) of the rows of `table` with these ids."""
        ...


def _q(dialect: Dialect, name: str) -> str:
    return dialect.identifier_preparer.quote(name)


def _names(dialect: Dialect, cols: Sequence[str]) -> str:
    return ", ".join(_q(dialect, c) for c in cols)


@cache
def _on_conflict(dialect: Dialect, table: Table, cols: tuple[str, ...]) -> str:
    """Update only the columns this group carries: a mini object must not blank the rest."""
    pk = [c.name for c in table.primary_key]
    updates = [c for c in cols if c not in pk]
    if not updates:
        return f" ON CONFLICT ({_names(dialect, pk)}) DO NOTHING"
    sets = ", ".join(f"{_q(dialect, c)} = excluded.{_q(dialect, c)}" for c in updates)
    return f" ON CONFLICT ({_names(dialect, pk)}) DO UPDATE SET {sets}"


async def _all(tasks: list[asyncio.Future[Any]]) -> None:
    """Wait for every task (none is left unretrieved), then raise the first failure."""
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


class SqliteSink:
    """Statements queued on aiosqlite's thread, each op's rows as one JSON array."""

    def __init__(self, driver: Any, dialect: Dialect) -> None:
        self.driver = driver
        self.dialect = dialect

    @staticmethod
    @cache
    def _sql(dialect: Dialect, kind: str, table: Table, cols: tuple[str, ...]) -> str:
        name = _q(dialect, table.name)
        if kind == "delete":
            col = _q(dialect, cols[0])
            return f"DELETE FROM {name} WHERE {col} IN (SELECT value FROM json_each(?))"
        values = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(cols)))
        # "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
        sql = (
            f"INSERT INTO {name} ({_names(dialect, cols)}) "
            f"SELECT {values} FROM json_each(?) WHERE true"
        )
        return sql + (_on_conflict(dialect, table, cols) if kind == "upsert" else "")

    async def submit(self, ops: list[Op]) -> Awaitable[None]:
        tasks = [
            asyncio.ensure_future(
                self.driver.execute(
                    self._sql(self.dialect, op.kind, op.table, op.cols), (orjson.dumps(op.rows),)
                )
            )
            for op in ops
        ]
        # Let each task reach aiosqlite's queue (in order) before the caller goes on.
        await asyncio.sleep(0)
        return _all(tasks)

    async def stamps(self, table: Table, ids: list[Any]) -> list[tuple[Any, Any]]:
        sql = (
            f"SELECT id, last_updated FROM {_q(self.dialect, table.name)} "
            "WHERE id IN (SELECT value FROM json_each(?))"
        )
        rows = await self.driver.execute_fetchall(sql, (orjson.dumps(ids),))
        convert = _result_processor(self.dialect, table, "last_updated")
        return [(key, convert(value) if convert else value) for key, value in rows]


@cache
def _result_processor(dialect: Dialect, table: Table, col: str) -> Callable[[Any], Any] | None:
    return table.c[col].type.dialect_impl(dialect).result_processor(dialect, None)


class PostgresSink:
    """COPY each op's rows into a temporary staging table, then run one script that applies
    every op from its staging table and empties them: a single round trip does the heavy
    work (index updates, foreign-key checks) while Python moves on."""

    def __init__(self, driver: Any, dialect: Dialect) -> None:
        self.driver = driver
        self.dialect = dialect
        # Staging tables created in this transaction (they are dropped at its end).
        self.stages: set[str] = set()

    async def _stage(self, op: Op) -> str:
        # The name stands for the table and columns, so asyncpg's cached description of a
        # same-named stage from an earlier transaction always has the same column types.
        digest = hashlib.sha1(repr((op.kind == "delete", op.cols)).encode()).hexdigest()[:10]
        stage = f"lg_stage_{op.table.name}_{digest}"
        if stage not in self.stages:
            # Only the op's columns, no constraints: checks happen on the real table.
            await self.driver.execute(
                f"CREATE TEMPORARY TABLE {stage} ON COMMIT DROP AS "
                f"SELECT {_names(self.dialect, op.cols)} FROM {_q(self.dialect, op.table.name)} "
                "WITH NO DATA"
            )
            self.stages.add(stage)
        return stage

    def _statement(self, op: Op, stage: str) -> str:
        name = _q(self.dialect, op.table.name)
        cols = _names(self.dialect, op.cols)
        if op.kind == "delete":
            return f"DELETE FROM {name} WHERE {cols} IN (SELECT {cols} FROM {stage})"
        sql = f"INSERT INTO {name} ({cols}) SELECT {cols} FROM {stage}"
        return sql + (_on_conflict(self.dialect, op.table, op.cols) if op.kind == "upsert" else "")

    async def submit(self, ops: list[Op]) -> Awaitable[None]:
        script = []
        used: list[str] = []
        for op in ops:
            stage = await self._stage(op)
            if stage in used:
                raise RuntimeError(f"two ops of one batch share the staging table {stage}")
            rows = [(key,) for key in op.rows] if op.kind == "delete" else op.rows
            await self.driver.copy_records_to_table(stage, records=rows, columns=list(op.cols))
            script.append(self._statement(op, stage))
            used.append(stage)
        if not script:
            return _all([])
        script.append(f"TRUNCATE {', '.join(used)}")
        # A script without parameters goes as one simple query: one round trip in all.
        task = asyncio.ensure_future(self.driver.execute(";\n".join(script)))
        await asyncio.sleep(0)  # let it be sent before the caller goes on
        return _all([task])

    async def stamps(self, table: Table, ids: list[Any]) -> list[tuple[Any, Any]]:
        array = f"{table.c.id.type.compile(dialect=self.dialect)}[]"
        rows = await self.driver.fetch(
            f"SELECT id, last_updated FROM {_q(self.dialect, table.name)} "
            f"WHERE id = ANY($1::{array})",
            ids,
        )
        return [(row[0], row[1]) for row in rows]


async def open_sink(conn: AsyncConnection) -> Sink:
    """The sink for this connection, once SQLAlchemy's transaction has surely begun (its
    asyncpg adapter begins lazily, at the first statement)."""
    await conn.exec_driver_sql("SELECT 1")
    raw = await conn.get_raw_connection()
    driver = raw.driver_connection
    if conn.dialect.name == "postgresql":
        if not driver.is_in_transaction():
            raise RuntimeError("ingest must write inside SQLAlchemy's transaction")
        return PostgresSink(driver, conn.dialect)
    # A larger page cache for this connection keeps the growing indexes in memory.
    await driver.execute("PRAGMA cache_size=-65536")
    return SqliteSink(driver, conn.dialect)
