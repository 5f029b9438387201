#!/usr/bin/env python3
"""The sha256 of every row of every table of a store, to show two versions store the same.

    python bench/rows_digest.py sqlite:///path/to.db
    python bench/rows_digest.py postgresql://postgres@127.0.0.1:5432/lg_bench_x [-v]

Rows are sorted by their text (surrogate keys included), each table hashed apart (-v prints
each), and the tables' hashes hashed in name order. Left out: `alembic_version`, and
`data_version`, which holds the time of the load. A check, not a test.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
import sys
from collections.abc import Iterator

import asyncpg

LEFT_OUT = {"alembic_version", "data_version"}


def _sqlite(path: str) -> Iterator[tuple[str, list[str]]]:
    db = sqlite3.connect(path)
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for name in sorted(set(names) - LEFT_OUT):
        yield name, sorted(repr(tuple(r)) for r in db.execute(f'SELECT * FROM "{name}"'))


async def _postgresql(dsn: str) -> list[tuple[str, list[str]]]:
    conn = await asyncpg.connect(dsn)
    try:
        names = [
            r[0]
            for r in await conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        ]
        return [
            (name, sorted(repr(tuple(r)) for r in await conn.fetch(f'SELECT * FROM "{name}"')))
            for name in sorted(set(names) - LEFT_OUT)
        ]
    finally:
        await conn.close()


def main() -> None:
    url = sys.argv[1]
    if url.startswith("sqlite:///"):
        tables = list(_sqlite(url.removeprefix("sqlite:///")))
    else:
        tables = asyncio.run(_postgresql(url))
    total = hashlib.sha256()
    rows = 0
    for name, lines in tables:
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
        total.update(f"{name} {digest}\n".encode())
        rows += len(lines)
        if "-v" in sys.argv:
            print(f"{name} {len(lines)} {digest[:12]}")
    print(f"{rows} rows in {len(tables)} tables, sha256 {total.hexdigest()}")


if __name__ == "__main__":
    main()
