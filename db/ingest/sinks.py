"""Bulk writes on the driver connection, inside SQLAlchemy's open transaction.

Ingest writes hundreds of thousands of rows. SQLAlchemy's per-row parameter handling costs
more than the database work, so the writer hands each batch to a sink as a list of `Op`s
(whole groups of rows), which go to the driver in bulk:

- SQLite: an op's rows as the parameters of multi-row VALUES statements (as many rows as
  SQLite's parameter limit allows), so sqlite3 runs each in one step without taking
  Python's GIL per row.
- PostgreSQL: one COPY of all the batch's JSON documents into a temporary table, then one
  multi-statement script that expands each (`json_populate_recordset` with the target
  table's own row type) into place: two round trips per batch. Into an empty store, rows
  whose key the load has not written yet are copied straight into their table instead
  (binary COPY of typed rows: nothing to parse, no conflict to check), with the foreign
  keys and the non-unique indexes set aside until the load's end.

`submit` returns once the work is handed over and gives back an awaitable for its end, so
the next batch is flattened in Python while the database applies this one (two cores).
Values arrive converted by each column's SQLAlchemy bind processor (writer.py). Everything
runs in the transaction SQLAlchemy began on the same connection, so its commit or rollback
covers it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Any, Literal, Protocol

import asyncpg
import orjson
from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db.tables import AS_OF


@dataclass(frozen=True)
class Op:
    """One bulk write. upsert: insert rows (dicts keyed by `cols`); on a conflict over
    `conflict` (the primary key when empty) update only `cols` (the keys the payload
    carried), and only where a value differs. prune: of the rows whose `cols[0]` (an owner
    column) is one of `owners`, delete those whose (`cols[0]`, `cols[1]`) is not among
    `rows` (pairs): what an owner's new list no longer holds.

    Writes that would change nothing are not made, so the number of rows written (a sink's
    `changes`) says whether the data changed."""

    kind: Literal["upsert", "prune"]
    table: Table
    cols: tuple[str, ...]
    rows: Sequence[Any]
    conflict: tuple[str, ...] = ()
    owners: Sequence[Any] = ()

    def json(self) -> bytes:
        # Timestamps arrive timezone-aware from ingest; naive ones would be UTC.
        if self.kind == "prune":
            doc: Any = {"owners": self.owners, "keep": self.rows}
            return orjson.dumps(doc, option=orjson.OPT_NAIVE_UTC)
        return orjson.dumps(self.rows, option=orjson.OPT_NAIVE_UTC)


class Sink(Protocol):
    dialect: Dialect

    async def submit(self, ops: list[Op]) -> Awaitable[None]:
        """Hand the ops over in order; await the result for their completion."""
        ...

    async def stamps(self, table: Table, ids: list[Any]) -> list[tuple[Any, Any]]:
        """(id, last_updated) of the rows of `table` with these ids."""
        ...

    async def changes(self) -> int:
        """A count of the rows this connection has inserted, updated or deleted in the LL2
        tables; two readings differ exactly when rows were written in between."""
        ...

    async def finish(self) -> None:
        """After the last op: restore whatever the sink set aside for the load (checked
        by the database; a failure refuses the load like any constraint)."""
        ...


def _q(dialect: Dialect, name: str) -> str:
    return dialect.identifier_preparer.quote(name)


def _names(dialect: Dialect, cols: Sequence[str]) -> str:
    return ", ".join(_q(dialect, c) for c in cols)


@cache
def _on_conflict(
    dialect: Dialect, table: Table, cols: tuple[str, ...], conflict: tuple[str, ...]
) -> str:
    """Update only the columns this group carries (a mini object must not blank the rest),
    and only rows where one of them differs (an unchanged row is not written at all)."""
    keys = list(conflict) or [c.name for c in table.primary_key]
    updates = [c for c in cols if c not in keys]
    if not updates:
        return f" ON CONFLICT ({_names(dialect, keys)}) DO NOTHING"
    sets = ", ".join(f"{_q(dialect, c)} = excluded.{_q(dialect, c)}" for c in updates)
    name = _q(dialect, table.name)
    stored = ", ".join(f"{name}.{_q(dialect, c)}" for c in updates)
    incoming = ", ".join(f"excluded.{_q(dialect, c)}" for c in updates)
    differs = "IS DISTINCT FROM" if dialect.name == "postgresql" else "IS NOT"
    # A one-column row value is just a parenthesised value on both databases.
    where = f"({stored}) {differs} ({incoming})"
    if AS_OF in updates:
        sets, where = _unless_older(dialect, name, updates, where)
    return f" ON CONFLICT ({_names(dialect, keys)}) DO UPDATE SET {sets} WHERE {where}"


def _unless_older(dialect: Dialect, name: str, updates: list[str], where: str) -> tuple[str, str]:
    """SET and WHERE for a row stamped with the event or launch it came in (`as_of`): a copy
    older than the stored one only fills the columns the stored row has no value in."""
    stamp = _q(dialect, AS_OF)
    older = (
        f"({name}.{stamp} IS NOT NULL AND (excluded.{stamp} IS NULL"
        f" OR excluded.{stamp} < {name}.{stamp}))"
    )
    sets = ", ".join(
        f"{_q(dialect, c)} = CASE WHEN {older} THEN "
        + (
            f"{name}.{stamp}"
            if c == AS_OF
            else f"coalesce({name}.{_q(dialect, c)}, excluded.{_q(dialect, c)})"
        )
        + f" ELSE excluded.{_q(dialect, c)} END"
        for c in updates
    )
    gaps = " OR ".join(
        f"({name}.{_q(dialect, c)} IS NULL AND excluded.{_q(dialect, c)} IS NOT NULL)"
        for c in updates
        if c != AS_OF
    )
    return sets, f"(NOT {older} AND {where}) OR ({older} AND ({gaps or 'false'}))"


def data_tables() -> list[str]:
    """The LL2 tables, whose writes count as changes of the data (bookkeeping tables such as
    data_version and sync_state do not)."""
    from launchgraph.db.tables import metadata
    from launchgraph.db.tables.meta import BOOKKEEPING

    return sorted(name for name in metadata.tables if name not in BOOKKEEPING)


async def _all(tasks: list[asyncio.Future[Any]]) -> None:
    """Wait for every task (none is left unretrieved), then raise the first failure."""
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


def _records(cols: tuple[str, ...], rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The rows' values in `cols` order, a tuple each (as the drivers take rows)."""
    get = itemgetter(*cols)
    # For one column itemgetter gives the bare value.
    return [get(row) for row in rows] if len(cols) > 1 else [(get(row),) for row in rows]


# Parameters SQLite takes in one statement (SQLITE_MAX_VARIABLE_NUMBER's default).
MOST_PARAMETERS = 32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999


class SqliteSink:
    """Statements queued on aiosqlite's thread: an upsert's rows as bound parameters of
    multi-row VALUES statements, as many rows a statement as SQLite's parameter limit allows,
    so that sqlite3 runs each in one step without taking Python's GIL per row; a prune's
    pairs as one JSON parameter.

    Rows once went as a JSON array expanded by `json_each`, but then SQLite parsed every
    row's text again for each of its columns (`json_extract`): about a third more of
    SQLite's own work for a load (bench/RESULTS.md, sessions 19 and 20)."""

    def __init__(self, driver: Any, dialect: Dialect) -> None:
        self.driver = driver
        self.dialect = dialect

    @staticmethod
    @cache
    def _prune_sql(dialect: Dialect, table: Table, cols: tuple[str, ...]) -> str:
        owner, key = _q(dialect, cols[0]), _q(dialect, cols[1])
        return (
            f"DELETE FROM {_q(dialect, table.name)}"
            f" WHERE {owner} IN (SELECT value FROM json_each(?1, '$.owners'))"
            f" AND ({owner}, {key}) NOT IN (SELECT json_extract(value, '$[0]'),"
            " json_extract(value, '$[1]') FROM json_each(?1, '$.keep'))"
        )

    @staticmethod
    @cache
    def _upsert_parts(
        dialect: Dialect, table: Table, cols: tuple[str, ...], conflict: tuple[str, ...]
    ) -> tuple[str, str, str]:
        """An upsert's text before its rows, one row's placeholders, and the text after them.
        (Whole statements are not kept: one per number of rows would pile up over a sync.)"""
        head = f"INSERT INTO {_q(dialect, table.name)} ({_names(dialect, cols)}) VALUES "
        row = "(" + ", ".join(["?"] * len(cols)) + ")"
        return head, row, _on_conflict(dialect, table, cols, conflict)

    def _statements(self, op: Op) -> Iterator[tuple[str, Sequence[Any]]]:
        if op.kind == "prune":
            yield self._prune_sql(self.dialect, op.table, op.cols), (op.json(),)
            return
        head, row, tail = self._upsert_parts(self.dialect, op.table, op.cols, op.conflict)
        each = max(1, MOST_PARAMETERS // len(op.cols))
        for start in range(0, len(op.rows), each):
            rows = op.rows[start : start + each]
            sql = head + ", ".join([row] * len(rows)) + tail
            yield sql, list(chain.from_iterable(_records(op.cols, rows)))

    async def submit(self, ops: list[Op]) -> Awaitable[None]:
        tasks = [
            asyncio.ensure_future(self.driver.execute(sql, params))
            for op in ops
            for sql, params in self._statements(op)
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

    async def changes(self) -> int:
        # The connection's running count of rows written; queued behind the submitted ops.
        # Nothing else writes on this connection during an ingest, and bookkeeping rows are
        # written after the last reading.
        rows = await self.driver.execute_fetchall("SELECT total_changes()")
        return int(rows[0][0])

    async def finish(self) -> None:
        return None


@cache
def _result_processor(dialect: Dialect, table: Table, col: str) -> Callable[[Any], Any] | None:
    return table.c[col].type.dialect_impl(dialect).result_processor(dialect, None)


class PostgresSink:
    """COPY the batch's JSON documents into a temporary table, then run one script that
    expands each into place and empties the table: the heavy work (index updates,
    foreign-key checks) is a single round trip while Python moves on.

    A first load (`set_keys_aside` found every LL2 table empty) copies the rows of keys it
    has not written yet straight into their tables: into an empty store such a row is an
    insert whatever the upsert would decide, and a binary COPY of typed rows spares the
    database the JSON and the conflict checks (the load's PostgreSQL CPU fell by half,
    bench/RESULTS.md). Keys the load wrote before still go through the upsert, which merges
    them exactly as into a filled store."""

    STAGE = "lg_ingest_stage"
    # How long a first load waits for the locks that setting foreign keys aside takes,
    # before it loads with them in place instead (a reader of the empty store holds one).
    LOCK_WAIT = "1s"

    def __init__(self, driver: Any, dialect: Dialect) -> None:
        self.driver = driver
        self.dialect = dialect
        self.staged = False
        # Foreign keys set aside for a load into empty tables: (table, name, definition).
        self.foreign_keys: list[tuple[str, str, str]] = []
        # Non-unique indexes set aside with them: their definitions, to build at the end.
        self.indexes: list[str] = []
        # In a first load: the keys written so far, per table and conflict columns.
        self.written: dict[tuple[str, tuple[str, ...]], set[Any]] | None = None

    async def set_keys_aside(self) -> None:
        """Into an empty store, drop the LL2 tables' foreign keys and non-unique indexes for
        the load and add them back at its end (`finish`), all in the load's transaction;
        the load then copies new rows straight into their tables (`_split_new`).

        PostgreSQL checks a foreign key per inserted row with a trigger (a lookup and a row
        lock in the referenced table): measured at 60-75 % of the database's time for a load
        into empty tables, where adding the key afterwards checks all rows in one join; an
        index built once over the loaded rows (a sort) costs less than one grown row by row
        (the launch names' trigram GIN index most). Unique indexes stay: they refuse a
        duplicate at once and serve the upserts' conflicts.
        Only into empty tables, where that join is over the load's rows alone; and only if
        this role may alter the tables and gets their locks within LOCK_WAIT: otherwise the
        load runs with its keys in place, as it always does into a non-empty store. Readers
        of the (empty) tables wait for the load's commit meanwhile.
        """
        tables = data_tables()
        probes = " OR ".join(f"EXISTS (SELECT 1 FROM {_q(self.dialect, t)})" for t in tables)
        if await self.driver.fetchval(f"SELECT {probes}"):
            return
        keys = await self.driver.fetch(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)"
            " FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid"
            " WHERE c.contype = 'f' AND r.relnamespace = current_schema()::regnamespace"
            " AND r.relname = ANY($1::text[]) ORDER BY 1, 2",
            tables,
        )
        if not keys:
            return
        indexes = await self.driver.fetch(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            " WHERE t.relnamespace = current_schema()::regnamespace"
            " AND t.relname = ANY($1::text[]) AND NOT x.indisunique"
            # An index that a constraint needs (an exclusion) cannot be dropped alone.
            " AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            " ORDER BY 1",
            tables,
        )
        previous = await self.driver.fetchval("SELECT current_setting('lock_timeout')")
        drops = ";\n".join(
            [
                f"ALTER TABLE {table} DROP CONSTRAINT {_q(self.dialect, name)}"
                for table, name, _definition in keys
            ]
            + [f"DROP INDEX {_q(self.dialect, name)}" for name, _definition in indexes]
        )
        await self.driver.execute("SAVEPOINT lg_keys_aside")
        try:
            await self.driver.execute(f"SET LOCAL lock_timeout = '{self.LOCK_WAIT}'")
            await self.driver.execute(drops)
        except (
            asyncpg.InsufficientPrivilegeError,
            asyncpg.LockNotAvailableError,
            asyncpg.DeadlockDetectedError,  # a reader that held one table wanted another
        ):
            # Keys and lock_timeout as they were; the load goes on with its keys in place.
            await self.driver.execute("ROLLBACK TO SAVEPOINT lg_keys_aside")
            return
        await self.driver.execute(f"SET LOCAL lock_timeout = '{previous}'")
        await self.driver.execute("RELEASE SAVEPOINT lg_keys_aside")
        self.foreign_keys = [(table, name, definition) for table, name, definition in keys]
        self.indexes = [definition for _name, definition in indexes]
        self.written = {}

    async def finish(self) -> None:
        if not self.foreign_keys:
            return
        # The indexes first: the keys' checks (a join each) may use them.
        adds = ";\n".join(
            self.indexes
            + [
                f"ALTER TABLE {table} ADD CONSTRAINT {_q(self.dialect, name)} {definition}"
                for table, name, definition in self.foreign_keys
            ]
        )
        self.foreign_keys, self.indexes, self.written = [], [], None
        await self.driver.execute(adds)

    def _split_new(self, ops: list[Op]) -> tuple[list[tuple[Op, list[Any]]], list[Op]]:
        """In a first load, the upserted rows whose key the load has not written yet, to COPY
        straight into their tables (per op, as records in `cols` order); and the ops left
        for the upsert script (prunes, and the rows of keys written before, in their order).

        Within a batch a key comes once per table (rows are merged by key), so a row's fate
        depends only on the batches before it: the keys are noted here, when the batch is
        handed over, whatever the database has applied yet.
        """
        written = self.written
        assert written is not None
        copies: list[tuple[Op, list[Any]]] = []
        rest: list[Op] = []
        for op in ops:
            if op.kind != "upsert":
                rest.append(op)
                continue
            keys = op.conflict or tuple(c.name for c in op.table.primary_key)
            seen = written.setdefault((op.table.name, keys), set())
            key = itemgetter(*keys)
            new: list[Any] = []
            again: list[Any] = []
            for row in op.rows:
                k = key(row)
                if k in seen:
                    again.append(row)
                else:
                    seen.add(k)
                    new.append(row)
            if new:
                copies.append((op, _records(op.cols, new)))
            if again:
                rest.append(Op("upsert", op.table, op.cols, again, op.conflict))
        return copies, rest

    async def _apply(self, copies: list[tuple[Op, list[Any]]], ops: list[Op]) -> None:
        """COPY the new rows, then stage the other ops' documents and run their script, one
        after the other on the connection, while the caller goes on with the next batch (the
        COPY's data goes out whenever the caller lets the event loop run: run.YIELD_EVERY)."""
        for op, records in copies:
            await self.driver.copy_records_to_table(
                op.table.name, records=records, columns=list(op.cols)
            )
        if not ops:
            return
        if not self.staged:
            # Dropped with the transaction, whatever its end.
            await self.driver.execute(
                f"CREATE TEMPORARY TABLE {self.STAGE} (op integer, doc json) ON COMMIT DROP"
            )
            self.staged = True
        docs = [(number, op.json().decode()) for number, op in enumerate(ops)]
        await self.driver.copy_records_to_table(self.STAGE, records=docs, columns=["op", "doc"])
        script = [self._statement(op, number) for number, op in enumerate(ops)]
        script.append(f"TRUNCATE {self.STAGE}")
        # A script without parameters goes as one simple query: one round trip in all.
        await self.driver.execute(";\n".join(script))

    def _statement(self, op: Op, number: int) -> str:
        name = _q(self.dialect, op.table.name)
        doc = f"(SELECT doc FROM {self.STAGE} WHERE op = {number})"
        if op.kind == "prune":
            owner, key = (op.table.c[c] for c in op.cols[:2])
            owner_type = owner.type.compile(dialect=self.dialect)
            key_type = key.type.compile(dialect=self.dialect)
            owners = f"SELECT json_array_elements_text({doc}->'owners')::{owner_type}"
            keep = (
                f"SELECT (e->>0)::{owner_type}, (e->>1)::{key_type}"
                f" FROM json_array_elements({doc}->'keep') AS e"
            )
            o, k = _q(self.dialect, owner.name), _q(self.dialect, key.name)
            return f"DELETE FROM {name} WHERE {o} IN ({owners}) AND ({o}, {k}) NOT IN ({keep})"
        cols = _names(self.dialect, op.cols)
        rows = f"json_populate_recordset(NULL::{name}, {doc})"  # typed by the table's row type
        sql = f"INSERT INTO {name} ({cols}) SELECT {cols} FROM {rows}"
        return sql + _on_conflict(self.dialect, op.table, op.cols, op.conflict)

    async def submit(self, ops: list[Op]) -> Awaitable[None]:
        copies: list[tuple[Op, list[Any]]] = []
        if self.written is not None:
            copies, ops = self._split_new(ops)
        if not ops and not copies:
            return _all([])
        task = asyncio.ensure_future(self._apply(copies, ops))
        await asyncio.sleep(0)  # let it start sending before the caller goes on
        return _all([task])

    async def stamps(self, table: Table, ids: list[Any]) -> list[tuple[Any, Any]]:
        array = f"{table.c.id.type.compile(dialect=self.dialect)}[]"
        rows = await self.driver.fetch(
            f"SELECT id, last_updated FROM {_q(self.dialect, table.name)} "
            f"WHERE id = ANY($1::{array})",
            ids,
        )
        return [(row[0], row[1]) for row in rows]

    async def changes(self) -> int:
        # This transaction's own row counts so far (the staging table is a temporary one,
        # in another schema, and bookkeeping tables are not listed).
        value = await self.driver.fetchval(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)"
            " FROM pg_stat_xact_user_tables"
            " WHERE schemaname = current_schema() AND relname = ANY($1::text[])",
            data_tables(),
        )
        return int(value)


async def open_sink(conn: AsyncConnection) -> Sink:
    """The sink for this connection, once SQLAlchemy's transaction has surely begun (its
    asyncpg adapter begins lazily, at the first statement)."""
    await conn.exec_driver_sql("SELECT 1")
    raw = await conn.get_raw_connection()
    driver = raw.driver_connection
    if conn.dialect.name == "postgresql":
        if not driver.is_in_transaction():
            raise RuntimeError("ingest must write inside SQLAlchemy's transaction")
        sink = PostgresSink(driver, conn.dialect)
        await sink.set_keys_aside()
        return sink
    # A larger page cache for this connection keeps the growing indexes in memory.
    await driver.execute("PRAGMA cache_size=-65536")
    return SqliteSink(driver, conn.dialect)
