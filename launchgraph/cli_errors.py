"""What the command line says when something it needs is not there: one or two lines a person
can act on (what is wrong, what to do), instead of a traceback."""

from __future__ import annotations

import errno
import os
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from launchgraph.db.url import UnsupportedDatabase

URL_FORMS = "sqlite:///path/to.db or postgresql://user@host:5432/dbname"


class CliError(Exception):
    """A failure the command line explains itself; its message is what the user reads."""


def causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then what it wraps: SQLAlchemy's `orig`, then the Python cause chain."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]


def _where(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def _createdb(url: URL) -> str:
    parts = ["createdb", "-h", url.host or "localhost", "-p", str(url.port or 5432)]
    if url.username:
        parts += ["-U", url.username]
    return " ".join([*parts, url.database or ""])


def _postgres(exc: BaseException, url: URL) -> str | None:
    # Imported here: only a PostgreSQL failure needs its driver's errors (a SQLite command
    # would load asyncpg for nothing).
    import asyncpg

    where = _where(url)
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return (
            f'the PostgreSQL database "{url.database}" does not exist on {where}\n'
            f"create it: {_createdb(url)}   (or set DATABASE_URL to another database)"
        )
    if isinstance(
        exc, asyncpg.InvalidAuthorizationSpecificationError | asyncpg.InvalidPasswordError
    ):
        return (
            f"PostgreSQL on {where} refused the login: {exc}\n"
            "check the user and password in DATABASE_URL (postgresql://user:password@host/db)"
        )
    if isinstance(exc, socket.gaierror):
        return (
            f'cannot find the PostgreSQL host "{url.host}" ({exc.strerror})\n'
            "check the host in DATABASE_URL"
        )
    if isinstance(exc, ConnectionRefusedError | TimeoutError) or (
        isinstance(exc, OSError) and exc.errno in (errno.ECONNREFUSED, errno.EHOSTUNREACH)
    ):
        reason = "connection refused" if isinstance(exc, ConnectionRefusedError) else str(exc)
        return (
            f"no PostgreSQL answers on {where} ({reason})\n"
            "start PostgreSQL there, or set DATABASE_URL to a server that runs"
        )
    return None


def _cannot_open(path: str) -> str:
    return (
        f"cannot open the SQLite file {path} (does its folder exist, may you write there?)\n"
        "set DATABASE_URL=sqlite:///path/to.db to a file in a writable folder"
    )


def check_sqlite_folder(database_url: str) -> None:
    """Refuse a SQLite file whose folder is missing before any driver tries to open it (the
    driver's failure, inside Alembic's event loop, can also print a stray thread traceback)."""
    try:
        url = make_url(database_url)
    except ArgumentError:
        return  # explained when the URL is used
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    if not path.exists() and not os.access(path.parent.resolve(), os.W_OK):
        raise CliError(_cannot_open(url.database))


def _sqlite(exc: BaseException, url: URL) -> str | None:
    if not isinstance(exc, sqlite3.Error):
        return None
    path = url.database or "(in memory)"
    text = str(exc)
    if "unable to open database file" in text:
        return _cannot_open(path)
    if "file is not a database" in text:
        return f"{path} is not a SQLite database\nset DATABASE_URL to another file"
    if "database is locked" in text:
        return f"the SQLite file {path} is locked by another process\ntry again when it is done"
    return None


def explain(exc: BaseException, database_url: str) -> str | None:
    """One or two lines for a failure a user can fix, or None when it is not one of those."""
    for cause in causes(exc):
        if isinstance(cause, CliError):
            return str(cause)
        if isinstance(cause, UnsupportedDatabase | ArgumentError):
            return (
                f"DATABASE_URL is not a database URL LaunchGraph can use: {database_url!r}\n"
                f"use {URL_FORMS}"
            )
    try:
        url = make_url(database_url)
    except ArgumentError:
        return None
    backend = url.get_backend_name()
    for cause in causes(exc):
        found = _sqlite(cause, url) if backend == "sqlite" else _postgres(cause, url)
        if found:
            return found
    return None


def unexpected(exc: BaseException) -> str:
    """Any other failure: its kind and first line, and how to see the rest."""
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    return f"{type(exc).__name__}: {first}\n(run `launchgraph --debug ...` for the traceback)"


def cannot_listen(host: str, port: int) -> str | None:
    """Why `serve` could not listen on host:port, checked before anything is printed; None if
    it can. (uvicorn binds the same way a moment later.)"""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return (
            f'cannot listen on "{host}": {exc.strerror}\nuse --host with an address of this machine'
        )
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"port {port} on {host} is already in use (another server runs there)\n"
                    f"stop it, or pick another port: launchgraph serve --port {port + 1}"
                )
            if exc.errno == errno.EACCES:
                return f"no permission to listen on port {port}\nuse a port above 1023 (--port)"
            return f"cannot listen on {host}:{port}: {exc.strerror}\ncheck --host and --port"
    return None
