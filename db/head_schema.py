"""The schema Alembic's migrations build, kept as SQL that builds it on an empty store at once.

Migrating an empty store through Alembic (0001 to the newest) cost `launchgraph ingest` about
0.7 s of its start: Alembic's imports, every migration script loaded and run, and on SQLite
batch mode's table copies. Its outcome never changes, so it is kept per dialect in
`migrations/head/`, written from the migrations themselves by
`python -m launchgraph.db.head_schema` (SQLite: the statements of `sqlite_master` after an
upgrade; PostgreSQL: Alembic's offline SQL of the upgrade), each stamped at the newest
migration, which its first line names. tests/test_head_schema.py checks, on both stores, that
what the files build is what the migrations build, and that they are at the newest migration
(after adding one, run the module again). `metadata.create_all` would not do: its column
order and a sequence differ from the migrations'.
"""

from __future__ import annotations

import sys
import tempfile
from io import StringIO
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncConnection

FOLDER = Path(__file__).parent / "migrations" / "head"
DIALECTS = ("sqlite", "postgresql")
# The first line of each file: this, then the revision the file builds and stamps.
_HEAD_LINE = "-- head: "


def script(dialect: str) -> str:
    """The SQL that builds the head schema and stamps it, for one dialect."""
    return (FOLDER / f"{dialect}.sql").read_text()


def head(dialect: str) -> str:
    """The revision the dialect's file builds and stamps."""
    with (FOLDER / f"{dialect}.sql").open() as fh:
        first = fh.readline()
    if not first.startswith(_HEAD_LINE):
        raise ValueError(f"{FOLDER}/{dialect}.sql does not begin with {_HEAD_LINE!r}")
    return first.removeprefix(_HEAD_LINE).split()[0]


def statements(dialect: str) -> list[str]:
    """The script's statements, one by one (SQLite's driver runs one at a time)."""
    lines = [line for line in script(dialect).splitlines() if not line.startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";\n") if s.strip()]


async def _stamped(conn: AsyncConnection) -> list[str] | None:
    """The revisions stamped in the store, or None when it has no alembic_version table."""
    if conn.dialect.name == "sqlite":
        found = await conn.exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        )
    else:
        found = await conn.exec_driver_sql(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname = current_schema() AND tablename = 'alembic_version'"
        )
    if not found.scalar_one():
        return None
    rows = await conn.exec_driver_sql("SELECT version_num FROM alembic_version")
    return sorted(row[0] for row in rows)


async def _empty(conn: AsyncConnection) -> bool:
    if conn.dialect.name == "sqlite":
        found = await conn.exec_driver_sql("SELECT count(*) FROM sqlite_master")
    else:
        found = await conn.exec_driver_sql(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema()"
        )
    return found.scalar_one() == 0


async def bring_to_head(conn: AsyncConnection) -> bool:
    """Whether the store, in the caller's transaction, is now at the newest migration without
    Alembic: it already was, or it was empty and got the head schema. False: Alembic must
    migrate it."""
    stamped = await _stamped(conn)
    if stamped is not None:
        return stamped == [head(conn.dialect.name)]
    if not await _empty(conn):
        return False
    if conn.dialect.name == "postgresql":
        # One round trip: asyncpg runs a script without parameters as one simple query.
        raw = await conn.get_raw_connection()
        await raw.driver_connection.execute(script("postgresql"))  # type: ignore[union-attr]
    else:
        for statement in statements("sqlite"):
            await conn.exec_driver_sql(statement)
    return True


def _header(revision: str, how: str) -> str:
    return (
        f"{_HEAD_LINE}{revision} (the schema of the migrations up to it, stamped at it)\n"
        f"-- {how}; written by `python -m launchgraph.db.head_schema`, do not edit.\n"
    )


def newest_migration() -> str:
    """The revision Alembic's scripts end at."""
    from alembic.script import ScriptDirectory

    from launchgraph.db import schema

    newest = ScriptDirectory.from_config(schema.alembic_config("sqlite://")).get_current_head()
    if newest is None:
        raise ValueError("no migrations")
    return newest


def _sqlite_script(revision: str) -> str:
    import sqlite3

    from launchgraph.db import schema

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "head.db"
        schema.alembic_upgrade(f"sqlite:///{path}")
        with sqlite3.connect(path) as db:
            made = [
                row[0]
                for row in db.execute(
                    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
                )
            ]
            stamps = [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
    if stamps != [revision]:
        raise SystemExit(f"the upgrade stamped {stamps}, not {revision}")
    made.append(f"INSERT INTO alembic_version (version_num) VALUES ('{revision}')")
    header = _header(revision, "SQLite's sqlite_master after an upgrade")
    return header + "".join(f"{s};\n" for s in made)


def _postgresql_script(revision: str) -> str:
    from alembic import command

    from launchgraph.db import schema

    config = schema.alembic_config("postgresql://offline/head")
    config.output_buffer = StringIO()
    command.upgrade(config, "head", sql=True)
    # The caller's transaction holds the script: Alembic's own BEGIN and COMMIT go.
    lines = [
        line
        for line in config.output_buffer.getvalue().splitlines()
        if line not in ("BEGIN;", "COMMIT;")
    ]
    text = "\n".join(lines).strip() + "\n"
    if f"version_num='{revision}'" not in text:
        raise SystemExit(f"the upgrade does not stamp {revision}")
    return _header(revision, "Alembic's offline SQL of the upgrade on PostgreSQL") + text


def write() -> None:
    """Write both files from the migrations (after adding a migration)."""
    revision = newest_migration()
    FOLDER.mkdir(exist_ok=True)
    (FOLDER / "sqlite.sql").write_text(_sqlite_script(revision))
    (FOLDER / "postgresql.sql").write_text(_postgresql_script(revision))
    print(f"wrote {FOLDER}/sqlite.sql and postgresql.sql at {revision}", file=sys.stderr)


if __name__ == "__main__":
    write()
