"""On SQLite an upsert's rows go as the parameters of multi-row VALUES statements, split at
SQLite's parameter limit (sinks.SqliteSink): split finely or not at all, a load and a reload
store the same values, of the same SQLite types. (What they store against LL2's payloads,
field by field, is test_ingest_fidelity's.)"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.dialects import sqlite

from launchgraph.db.ingest import run, sinks
from launchgraph.db.tables import metadata
from tests.conftest import _Postgres, need_real, open_store
from tests.test_ingest_support import LL2_TABLES, ingest_ok, write_lines


async def _load_twice(
    postgres: _Postgres, sqlite_template: Path, tmp_path: Path
) -> dict[str, list[tuple[Any, ...]]]:
    """The real payloads loaded, then loaded again backwards (so that rows of the first load
    are updated from other copies), in batches of 7; every stored row, as SQLite stores it."""
    tmp_path.mkdir()
    real = need_real()
    lines = [
        json.loads(line)
        for name in ("events.jsonl", "launches.jsonl")
        for line in (real / name).read_text().splitlines()
    ]
    backwards = write_lines(tmp_path / "backwards.jsonl", lines[::-1])
    store, _ = await open_store("sqlite", postgres, sqlite_template, tmp_path)
    try:
        await ingest_ok(store.engine, real / "events.jsonl", real / "launches.jsonl")
        await ingest_ok(store.engine, backwards)
        rows: dict[str, list[tuple[Any, ...]]] = {}
        async with store.engine.connect() as conn:
            for table in LL2_TABLES:
                result = await conn.exec_driver_sql(f'SELECT * FROM "{table.name}"')
                # repr sorts rows whatever their types; the values themselves are compared.
                rows[table.name] = sorted((tuple(r) for r in result), key=repr)
        return rows
    finally:
        await store.engine.dispose()


async def test_rows_split_at_the_parameter_limit_store_the_same(
    monkeypatch: pytest.MonkeyPatch,
    postgres: _Postgres,
    sqlite_template: Path,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(run, "BATCH_SIZE", 7)
    whole = await _load_twice(postgres, sqlite_template, tmp_path / "whole")

    statements: list[tuple[int, int]] = []  # (rows, parameters) of each upsert
    made = sinks.SqliteSink._statements

    def spied(self: sinks.SqliteSink, op: sinks.Op) -> Iterator[tuple[str, Sequence[Any]]]:
        for sql, params in made(self, op):
            if op.kind == "upsert":
                statements.append((sql.count("), (") + 1, len(params)))
            yield sql, params

    monkeypatch.setattr(sinks, "MOST_PARAMETERS", 50)
    monkeypatch.setattr(sinks.SqliteSink, "_statements", spied)
    split = await _load_twice(postgres, sqlite_template, tmp_path / "split")

    assert split == whole
    assert sum(len(rows) for rows in whole.values()) > 500
    # Split it was: never past the limit (a row wider than it goes alone), many rows a
    # statement where the limit allows.
    assert all(params <= 50 or rows == 1 for rows, params in statements)
    assert max(rows for rows, _params in statements) > 5
    assert sum(1 for rows, _params in statements if rows > 1) > 10


def test_a_statement_holds_as_many_rows_as_the_limit_allows() -> None:
    sink = sinks.SqliteSink(None, sqlite.dialect())
    table = metadata.tables["orbit"]
    cols = ("id", "name", "abbrev")
    rows = [{"id": i, "name": f"o{i}", "abbrev": str(i)} for i in range(25_000)]
    made = list(sink._statements(sinks.Op("upsert", table, cols, rows)))
    each = sinks.MOST_PARAMETERS // 3
    assert [len(params) // 3 for _sql, params in made] == [each, each, 25_000 - 2 * each]
    assert [p for _sql, params in made for p in params] == [
        v for row in rows for v in (row["id"], row["name"], row["abbrev"])
    ]
