"""Turn the user's plain DATABASE_URL into the async SQLAlchemy URL we connect with."""

from __future__ import annotations

import os

from sqlalchemy.engine import URL, make_url

DEFAULT_URL = "sqlite:///launchgraph.db"

_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


class UnsupportedDatabase(ValueError):
    """DATABASE_URL names a database LaunchGraph does not run on."""


def configured_url() -> str:
    """DATABASE_URL, or a SQLite file in the working folder when it is unset or empty."""
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def async_url(plain: str | None = None) -> URL:
    """`sqlite:///x.db` -> `sqlite+aiosqlite:///x.db`, `postgresql://` -> `postgresql+asyncpg://`.

    An explicit driver (`postgresql+asyncpg://`) is kept; `postgres://` (Heroku style) is
    accepted as PostgreSQL.
    """
    url = make_url(plain or configured_url())
    backend = url.get_backend_name()
    if backend == "postgres":
        backend = "postgresql"
    if backend not in _ASYNC_DRIVERS:
        raise UnsupportedDatabase(
            "DATABASE_URL must be sqlite:///PATH or postgresql://USER@HOST:PORT/DB, "
            f"got {backend!r}"
        )
    return url.set(drivername=_ASYNC_DRIVERS[backend])
