"""The compiled path's entry point: plan, render, run one statement, splice its JSON."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, NamedTuple, TypeVar

import orjson
from cachetools import LRUCache
from graphql import DocumentNode, GraphQLSchema, OperationDefinitionNode
from sqlalchemy import Select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter

from launchgraph.db import statements
from launchgraph.gql.compiled.plan import Fallback, plan
from launchgraph.gql.compiled.render import GIVEN_COUNT, Renderer
from launchgraph.gql.loaders.request_db import RequestDB

log = logging.getLogger("launchgraph.compiled")
# A statement that fails is a bug of the compiler: logged, and the reference path answers
# instead (and reports any error its own way).
_FAILED = "compiled statement failed; answering on the reference path"

# Memory for the statements kept for the requests clients repeat (the same document and
# variables), keys included (issue 9: bounded in bytes, not entries).
CACHE_BYTES = 64 * 1024 * 1024
# What an entry holds, measured with tracemalloc (bench/RESULTS.md, issue 9): a SQLAlchemy
# statement takes 0.4 MB (a 77-character query) to 2.3 MB (q1, 1,065 characters), about
# 256 KB and 2 KB per character of query text; once its driver SQL is made the statement is
# let go, and the entry holds 3-4 bytes per character of SQL text (12 KB, 42 KB).
_STATEMENT_BASE, _STATEMENT_PER_CHAR = 256 * 1024, 2048
_DRIVER_BASE, _DRIVER_PER_CHAR = 1024, 4

# Values written into the SQL text instead of sent as parameters: numbers, booleans and dates,
# whose SQL literals SQLAlchemy renders from the value's type (nothing of a client's text can
# reach the SQL that way). Text stays a parameter.
INLINE = (bool, int, float, Decimal, datetime, date)


def _inline(bind: BindParameter[Any]) -> None:
    value = bind.effective_value
    if isinstance(value, INLINE) or (
        isinstance(value, list | tuple) and value and all(isinstance(v, INLINE) for v in value)
    ):
        bind.literal_execute = True


async def _single_read(conn: AsyncConnection) -> AsyncConnection:
    """`conn`, outside a transaction where it is in none: one statement needs no BEGIN before
    it nor ROLLBACK when the connection goes back to the pool (two round trips; SQLAlchemy
    resets the isolation level then)."""
    if conn.in_transaction():
        return conn
    return await conn.execution_options(isolation_level="AUTOCOMMIT")


@dataclass(frozen=True)
class DriverSQL:
    """A statement as its driver runs it: SQL text and positional parameters, compiled and
    bind-processed once.

    Executing the SQLAlchemy statement rebuilds its cache key on every request (about 1 ms
    for q1's statement of some 30 CTEs); run as driver SQL it is looked up by its text in the
    dialect's prepared statement cache (asyncpg: prepared once per connection)."""

    text: str
    parameters: tuple[Any, ...]
    # Positions of the parameters that stand for root lists' counts (render.GIVEN_COUNT), in
    # Plan.counts' order; the values they hold here are placeholders.
    given: tuple[int, ...] = ()

    @classmethod
    def of(cls, statement: Select[Any], dialect: Dialect) -> DriverSQL:
        if dialect.name == "postgresql":
            # Numbers and instants (page sizes, row numbers, date bounds, ids) in the text let
            # PostgreSQL plan the statement once per connection (the prepared statement's
            # generic plan then knows them, as a custom plan would) instead of on every
            # execution: planning q1's statement costs more than running it. (SQLite plans
            # in microseconds, and compares its text timestamps in the bound format.)
            statement = visitors.cloned_traverse(statement, {}, {"bindparam": _inline})
        # The expanded state is SQLAlchemy's public account of what it would send: IN lists
        # expanded, inline values rendered, parameters in positional order. Each parameter
        # goes through the bind processor of its type (UTCDateTime, DecimalText...), as
        # SQLAlchemy's own execution would do; an expanded one through its list's.
        compiled = statement.compile(dialect=dialect)
        state = compiled.construct_expanded_state()
        origin = {new: old for old, news in state.parameter_expansion.items() for new in news}
        values = []
        for name, value in zip(state.positiontup or (), state.positional_parameters, strict=True):
            process = state.processors.get(name)
            if process is None:
                bind = compiled.binds[origin.get(name, name)]
                process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            values.append(process(value) if process is not None else value)
        names = list(state.positiontup or ())
        given = []
        while f"{GIVEN_COUNT}{len(given)}" in names:
            given.append(names.index(f"{GIVEN_COUNT}{len(given)}"))
        return cls(state.statement, tuple(values), tuple(given))

    def bound(self, counts: Sequence[int] = ()) -> tuple[Any, ...]:
        """The parameters, with `counts` as the values of its given counts."""
        if not counts:
            return self.parameters
        held = list(self.parameters)
        for position, value in zip(self.given, counts, strict=True):
            held[position] = value
        return tuple(held)


class Request(NamedTuple):
    """A parsed and validated request, as the compiled path reads it."""

    query: str
    document: DocumentNode
    operation_name: str | None
    variables: dict[str, Any] | None


@dataclass
class Counts:
    """A statement's root-list counts, kept for one data version, and the same statement as
    driver SQL given them instead of counting.

    An exact count reads every row its filter matches: with ten times the data, q3's count
    took as long as the rest of its statement (bench/RESULTS.md, issue 11). The rows cannot
    change without the data version changing, so within one version the count is known."""

    at: tuple[tuple[str, str], ...]  # where they sit in `data` (Plan.counts)
    version: int | None = None
    values: tuple[int, ...] = ()
    driver: DriverSQL | None = None
    compilable: bool = True

    def known(self, version: int | None) -> tuple[int, ...] | None:
        return self.values if version is not None and version == self.version else None

    def read(self, text: str) -> tuple[int, ...] | None:
        """The counts in an answer's `data` (None: not all there, as numbers)."""
        data = orjson.loads(text)
        values = []
        for root, key in self.at:
            value = (data.get(root) or {}).get(key) if isinstance(data, dict) else None
            if not isinstance(value, int) or isinstance(value, bool):
                return None
            values.append(value)
        return tuple(values)


@dataclass
class Entry:
    """One request's statement (None: the reference path answers), and once the request
    comes again, the same as driver SQL (the statement is then let go)."""

    statement: Select[Any] | None
    driver: DriverSQL | None = None
    seen: int = 0
    compilable: bool = True
    key: Any = None  # its key in the cache, and the bytes it is counted for there
    size: int = 0
    counts: Counts | None = None  # None: no root list's totalCount is asked for

    @property
    def answers(self) -> bool:
        """Whether the compiled path answers the request."""
        return self.statement is not None or self.driver is not None


def _declared(
    document: DocumentNode, operation_name: str | None, variables: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The variables the operation declares. A plan depends on nothing else (GraphQL ignores
    the others), so requests that differ only in unused variables share one statement, and
    a flood of distinct unused variables cannot fill the cache."""
    if not variables:
        return None
    names: set[str] = set()
    for op in document.definitions:
        if isinstance(op, OperationDefinitionNode) and (
            operation_name is None or (op.name is not None and op.name.value == operation_name)
        ):
            names.update(v.variable.name.value for v in op.variable_definitions or ())
    return {name: value for name, value in variables.items() if name in names} or None


def _key_bytes(key: Any) -> int:
    return sum(len(part) for part in key if isinstance(part, str | bytes))


Held = TypeVar("Held")


class StatementCache(Generic[Held]):
    """Statements kept for the requests clients repeat (GraphQL's compiled path, the REST
    endpoints), bounded in bytes (issue 9): an LRU where each is counted for its estimated
    size plus its key's text. One that would not fit in the whole cache is not kept."""

    def __init__(self, max_bytes: int) -> None:
        self._held: LRUCache[Any, tuple[Held, int]] = LRUCache(
            max_bytes, getsizeof=lambda held: held[1]
        )

    def get(self, key: Any) -> Held | None:
        found = self._held.get(key)
        return None if found is None else found[0]

    def put(self, key: Any, value: Held, size: int) -> int:
        """(Re)file `value` under `key`, counted for `size` bytes and its key's; returns the
        bytes counted."""
        size += _key_bytes(key)
        if size <= self._held.maxsize:
            self._held[key] = (value, size)
        else:
            self._held.pop(key, None)
        return size

    def size(self) -> dict[str, int]:
        """Entries, estimated bytes and the limit, for /metrics."""
        return {
            "entries": len(self._held),
            "bytes": int(self._held.currsize),
            "max_bytes": int(self._held.maxsize),
        }


def statement_bytes(source_chars: int) -> int:
    """Estimated bytes of a SQLAlchemy statement built from `source_chars` characters of
    GraphQL (see _STATEMENT_PER_CHAR)."""
    return _STATEMENT_BASE + _STATEMENT_PER_CHAR * source_chars


class CompiledExecutor:
    """Answers the queries its plans model; None hands a request to the reference path."""

    def __init__(self, schema: GraphQLSchema, cache_bytes: int = CACHE_BYTES) -> None:
        self.schema = schema
        self.renderers = {name: Renderer(name) for name in ("postgresql", "sqlite")}
        # Planning and rendering a statement cost more than running it; a repeated request
        # (same document, variables and dialect) reuses the one made. Answers that depend on
        # the clock are keyed by the instant too.
        self._statements: StatementCache[Entry] = StatementCache(cache_bytes)

    def cache_size(self) -> dict[str, int]:
        """The statement cache's entries and estimated bytes, for /metrics."""
        return self._statements.size()

    def _keep(self, entry: Entry) -> None:
        """(Re)file `entry` under its key, counted for what it holds now; one that would
        not fit in the whole cache is not kept."""
        size = 0
        if entry.driver is not None:
            size = _DRIVER_BASE + _DRIVER_PER_CHAR * len(entry.driver.text)
        elif entry.statement is not None:
            size = statement_bytes(len(entry.key[0]))
        if entry.counts is not None and entry.counts.driver is not None:
            size += _DRIVER_BASE + _DRIVER_PER_CHAR * len(entry.counts.driver.text)
        entry.size = self._statements.put(entry.key, entry, size)

    def entry(self, request: Request, context: Any, dialect: Dialect) -> Entry:
        """The request's statement, planned and rendered once for all its repeats."""
        query, document, operation_name, variables = request
        declared = _declared(document, operation_name, variables)
        frozen = orjson.dumps(declared, option=orjson.OPT_SORT_KEYS)
        key = (query, operation_name, frozen, dialect.name)
        timed = (*key, context.instant)
        for candidate in (key, timed):
            found = self._statements.get(candidate)
            if found is not None:
                if candidate is timed:
                    context.now  # noqa: B018 (the answer depends on the clock: say so)
                return found
        try:
            planned = plan(self.schema, document, operation_name, variables, lambda: context.now)
            entry = Entry(self.renderers[dialect.name].statement(planned))
        except Fallback:
            planned, entry = None, Entry(None)
        if planned is not None and planned.counts:
            entry.counts = Counts(tuple(planned.counts))
        entry.key = timed if planned is not None and planned.used_now else key
        self._keep(entry)
        return entry

    def driver_sql(self, entry: Entry, dialect: Dialect) -> DriverSQL | None:
        """The entry's driver SQL from its second execution on. A first execution goes
        through SQLAlchemy, whose compiled cache serves every statement of the same shape
        (pages of a walk, lookups of other ids); compiling the driver SQL costs a full
        compilation (tens of ms for q1), worth it only for a request that repeats."""
        entry.seen += 1
        statement = entry.statement
        if statement is not None and entry.driver is None and entry.seen > 1 and entry.compilable:
            try:
                entry.driver = DriverSQL.of(statement, dialect)
            except Exception:
                # A bug of the compiler (such as a value its column type cannot bind): as
                # a statement failing below, logged, and SQLAlchemy's execution reports it.
                log.warning("compiling the driver SQL failed", exc_info=True)
                entry.compilable = False
            else:
                # The driver SQL is all a repeat needs: the statement (a hundred times its
                # size in memory) goes, and the entry is counted for what it now holds.
                entry.statement = None
                self._keep(entry)
        return entry.driver

    def given_driver(
        self, entry: Entry, request: Request, context: Any, dialect: Dialect
    ) -> DriverSQL | None:
        """The entry's statement given its counts, as driver SQL: planned and rendered again
        the first time its counts are known (most statements never need it), then kept."""
        counts = entry.counts
        if counts is None or not counts.compilable:
            return None
        if counts.driver is None:
            _query, document, operation_name, variables = request
            try:
                planned = plan(
                    self.schema, document, operation_name, variables, lambda: context.instant
                )
                statement = self.renderers[dialect.name].statement(planned, given_counts=True)
                counts.driver = DriverSQL.of(statement, dialect)
            except Exception:
                log.warning("compiling the statement given counts failed", exc_info=True)
                counts.compilable = False
                return None
            self._keep(entry)
        return counts.driver

    async def run(self, request: Request, context: Any) -> orjson.Fragment | None:
        """The response's `data`, as JSON text ready to embed, or None.

        Where the data version is known (`context.data_version()`), the root lists' counts
        are kept per version: the first answer of a version counts, the next are given the
        counts (Counts)."""
        version = context.data_version()
        dialect = context.db.engine.dialect
        entry = self.entry(request, context, dialect)
        if not entry.answers:
            return None
        driver = self.driver_sql(entry, dialect)
        counts = entry.counts
        known = counts.known(version) if counts is not None else None
        sql, values = driver, ()
        if driver is not None and known is not None:
            given = self.given_driver(entry, request, context, dialect)
            if given is not None:
                sql, values = given, known
        if sql is not None and dialect.driver == "asyncpg":
            text = await self._on_driver(context.db, sql, values)
        else:
            text = await self._through_sqlalchemy(context.db, entry, sql, values)
        if text is None:
            return None
        if counts is not None and version is not None and known is None:
            found = counts.read(text)
            # Rows that changed while the statement read them may be half old: keep only
            # counts read within one version.
            if found is not None and context.data_version() == version:
                counts.version, counts.values = version, found
        return orjson.Fragment(text)

    async def _on_driver(self, db: RequestDB, sql: DriverSQL, counts: Sequence[int]) -> str | None:
        """The statement's text run by asyncpg itself (what SQLAlchemy's execution adds
        around it cost as much CPU as the driver's own work); None where it failed."""
        began = False
        try:
            async with db.driver() as driver:
                began = True
                text: str = await statements.driver_fetchval(
                    db.engine, driver, sql.text, sql.bound(counts)
                )
                return text
        except Exception:
            if not began:
                raise  # no connection: as on the reference path, not the compiler's bug
            log.warning(_FAILED, exc_info=True)
            return None

    async def _through_sqlalchemy(
        self, db: RequestDB, entry: Entry, sql: DriverSQL | None, counts: Sequence[int]
    ) -> str | None:
        """The statement's text run through SQLAlchemy: on SQLite's driver, and a request's
        first execution (its driver SQL not made yet); None where it failed."""
        async with db.connection() as conn:
            try:
                single = await _single_read(conn)
                if sql is not None:
                    result = await single.exec_driver_sql(sql.text, sql.bound(counts))
                else:
                    assert entry.statement is not None  # an entry answers by one or the other
                    result = await single.execute(entry.statement)
                text: str = result.scalar_one()
                return text
            except Exception:
                log.warning(_FAILED, exc_info=True)
                await conn.rollback()
                return None
