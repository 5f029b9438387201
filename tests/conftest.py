"""Test stores: every test that takes `store` runs once on SQLite and once on PostgreSQL.

PostgreSQL is the one at LAUNCHGRAPH_TEST_POSTGRES (default
postgresql://postgres@127.0.0.1:5432/test); each test gets its own scratch database, cloned
from a migrated template. Where no PostgreSQL answers, those tests are left out, with one line
at the end saying how to run them, unless LAUNCHGRAPH_REQUIRE_POSTGRES=1 (as in .ci/run),
where they fail. The tests create
and drop only databases named lg_tpl_* and lg_test_*.

The LL2 payloads the tests read live in tests/fixtures/ (their sources: its README.md).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from launchgraph.db import schema
from launchgraph.db.engine import make_engine

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"
REAL = FIXTURES / "real"
PG_URL = os.environ.get("LAUNCHGRAPH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("LAUNCHGRAPH_REQUIRE_POSTGRES") == "1"


def need_seeds() -> Path:
    """The LL2 seed payloads (tests/fixtures/seeds, see tests/fixtures/README.md)."""
    return SEEDS


def need_real() -> Path:
    """The slice of real captured LL2 payloads (tests/fixtures/real)."""
    return REAL


@dataclass
class Store:
    """A fresh, migrated, empty database; GraphQL tests also say which execution path the
    server they start uses (gql.execute)."""

    backend: str
    url: str
    engine: AsyncEngine
    executor: str = "compiled"


class _Postgres:
    def __init__(self) -> None:
        self.admin = make_url(PG_URL)
        self.template = f"lg_tpl_{uuid.uuid4().hex[:10]}"
        self.created: list[str] = []
        self.error: str | None = None

    def _dsn(self, database: str | None = None) -> str:
        url = self.admin.set(drivername="postgresql")
        if database:
            url = url.set(database=database)
        return url.render_as_string(hide_password=False)

    async def _admin(self, sql: str) -> None:
        conn = await asyncpg.connect(self._dsn(), timeout=5)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    async def start(self) -> None:
        try:
            await self._admin(f'CREATE DATABASE "{self.template}"')
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            self.error = f"PostgreSQL at {PG_URL} is unreachable: {exc}"
            return
        self.created.append(self.template)
        await schema.upgrade(self._dsn(self.template))

    async def fresh(self) -> str:
        """A new database with the schema (a copy of the template)."""
        return await self._create(f' TEMPLATE "{self.template}"')

    async def empty(self) -> str:
        """A new database without any table, as `createdb` makes it."""
        return await self._create("")

    async def _create(self, options: str) -> str:
        name = f"lg_test_{uuid.uuid4().hex[:12]}"
        await self._admin(f'CREATE DATABASE "{name}"{options}')
        self.created.append(name)
        return self._dsn(name)

    async def drop(self, name: str) -> None:
        await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.created:
            self.created.remove(name)

    async def stop(self) -> None:
        for name in list(reversed(self.created)):
            await self.drop(name)


# --- Without PostgreSQL: its tests left out, in one line ------------------------------------

PG_LEFT_OUT = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres: needs the PostgreSQL at LAUNCHGRAPH_TEST_POSTGRES"
    )


def _on_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    param = callspec.params.get("store") if callspec is not None else None
    backend = param[0] if isinstance(param, tuple) else param  # (backend, executor)
    return backend == "postgresql" or item.get_closest_marker("postgres") is not None


def _unreachable() -> str | None:
    """Why no PostgreSQL answers at PG_URL, or None when one does."""
    dsn = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)

    async def probe() -> None:
        conn = await asyncpg.connect(dsn, timeout=5)
        await conn.close()

    try:
        asyncio.run(probe())
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"no PostgreSQL at {PG_URL} ({type(exc).__name__})"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = [item for item in items if _on_postgres(item)]
    if REQUIRE_PG or not on_postgres:
        return
    reason = _unreachable()
    if reason is None:
        return
    items[:] = [item for item in items if not _on_postgres(item)]
    config.hook.pytest_deselected(items=on_postgres)
    config.stash[PG_LEFT_OUT] = (
        f"{len(on_postgres)} PostgreSQL tests not run: {reason}; to run them, set "
        "LAUNCHGRAPH_TEST_POSTGRES=postgresql://user@host:port/db"
    )


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if PG_LEFT_OUT in config.stash:
        terminalreporter.write_line(config.stash[PG_LEFT_OUT], yellow=True)


@pytest.fixture(scope="session")
async def postgres() -> AsyncIterator[_Postgres]:
    pg = _Postgres()
    await pg.start()
    yield pg
    await pg.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    schema.upgrade_sync(f"sqlite:///{path}")
    return path


BACKENDS = ["sqlite", "postgresql"]
EXECUTORS = ["compiled", "reference"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that takes `store` runs on both backends; the GraphQL API tests
    (test_gql_*) also on both execution paths: four combinations."""
    if "store" not in metafunc.fixturenames:
        return
    name = metafunc.module.__name__.rsplit(".", 1)[-1]
    executors = EXECUTORS if name.startswith("test_gql") else [None]
    params = [(b, e) for b in BACKENDS for e in executors]
    ids = [b if e is None else f"{b}-{e}" for b, e in params]
    metafunc.parametrize("store", params, ids=ids, indirect=True)


async def open_store(
    backend: str, postgres: _Postgres, sqlite_template: Path, tmp_path: Path
) -> tuple[Store, str | None]:
    if backend == "sqlite":
        path = tmp_path / f"{uuid.uuid4().hex[:8]}.db"
        shutil.copy(sqlite_template, path)
        url = f"sqlite:///{path}"
        return Store(backend, url, make_engine(url)), None
    if postgres.error:
        if REQUIRE_PG:
            pytest.fail(postgres.error)
        pytest.skip(postgres.error)
    url = await postgres.fresh()
    return Store(backend, url, make_engine(url, pool_size=5)), make_url(url).database


@pytest.fixture
async def store(
    request: pytest.FixtureRequest,
    postgres: _Postgres,
    sqlite_template: Path,
    tmp_path: Path,
) -> AsyncIterator[Store]:
    """A fresh empty database of each backend."""
    backend, executor = request.param
    st, pg_name = await open_store(backend, postgres, sqlite_template, tmp_path)
    st.executor = executor or "compiled"
    yield st
    await st.engine.dispose()
    if pg_name:
        await postgres.drop(pg_name)


@pytest.fixture(scope="session")
def session_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("session")
