"""Helpers for the ingest tests (no tests here): table dumps, seed payloads, and a walker
that compares LL2 JSON with the stored rows, key by key, using only the schema's metadata."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, select
from sqlalchemy.ext.asyncio import AsyncEngine

from launchgraph.db.coltypes import DecimalText, IntText
from launchgraph.db.ingest.run import Report, ingest
from launchgraph.db.tables import metadata
from launchgraph.db.tables.meta import BOOKKEEPING
from tests.conftest import need_seeds

# Every LL2 table; data_version (a cache counter) is compared only where a test says so, and
# the other bookkeeping tables (sync_state) are not LL2 data.
LL2_TABLES = [t for t in metadata.sorted_tables if t.name not in BOOKKEEPING]
# Surrogate keys with no meaning outside their table: a replaced owner's url rows are
# deleted and inserted again, so they get new ones.
SURROGATE = {"pk", "as_of"}


def seed_event() -> dict[str, Any]:
    """The 2.2.0 event detail (event 352), parsed."""
    return json.loads((need_seeds() / "event-352-2.2.0.json").read_text())


def seed_page() -> dict[str, Any]:
    """The 2.0.0 upcoming-events list page, parsed."""
    return json.loads((need_seeds() / "event-upcoming-2.0.0-offset10.json").read_text())


def write_json(path: Path, obj: Any) -> Path:
    path.write_text(json.dumps(obj))
    return path


def write_lines(path: Path, objs: list[Any]) -> Path:
    path.write_text("".join(json.dumps(o) + "\n" for o in objs))
    return path


def variant(obj: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of an LL2 object with some top-level keys replaced."""
    out = copy.deepcopy(obj)
    out.update(changes)
    return out


async def ingest_ok(engine: AsyncEngine, *paths: Path) -> Report:
    report = await ingest(engine, list(paths))
    assert not report.errors, [str(e) for e in report.errors]
    return report


async def dump(engine: AsyncEngine, with_version: bool = False) -> dict[str, list[tuple]]:
    """Every row of every LL2 table (surrogate keys left out), sorted."""
    tables = list(LL2_TABLES)
    if with_version:
        tables.append(metadata.tables["data_version"])
    out: dict[str, list[tuple]] = {}
    async with engine.connect() as conn:
        for table in tables:
            cols = [c for c in table.columns if c.name not in SURROGATE]
            rows = (await conn.execute(select(*cols))).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


async def table_rows(engine: AsyncEngine) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    async with engine.connect() as conn:
        for table in LL2_TABLES:
            out[table.name] = [dict(r._mapping) for r in (await conn.execute(select(table)))]
    return out


async def count(engine: AsyncEngine, table: str) -> int:
    return len((await dump(engine))[table])


def _singular(key: str) -> str:
    key = key.replace("URLs", "_urls").lower()
    if key.endswith("ies"):
        return key[:-3] + "y"
    if key.endswith(("ches", "shes")):
        return key[:-2]
    return key[:-1] if key.endswith("s") else key


class Walker:
    """Compares LL2 JSON to the stored rows using only the schema's metadata:

    - a scalar key -> the column of the same name (date-times compared as parsed UTC
      instants, dates as dates, everything else equal and of the same type, so coordinates
      must be the exact text sent);
    - an object key K -> column K_id, equal to the object's id, and the object itself checked
      in the table that column references; an object whose K_id column references nothing is
      flattened into K_<part> columns;
    - a list key -> a link table <owner>_<singular> (targets in the list's order, positions
      0..n-1, each target checked in its own table) or an owned table <singular> (rows of the
      owner in position order, checked key by key).

    Afterwards every column of every row reached that no JSON key carried must be NULL:
    nothing is invented.
    """

    def __init__(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        self.rows = rows
        self.by_id = {
            name: {r["id"]: r for r in table_rows}
            for name, table_rows in rows.items()
            if "id" in metadata.tables[name].c
        }
        self.covered: dict[tuple[str, Any], set[str]] = {}
        self.owned_rows: list[tuple[str, dict[str, Any], set[str]]] = []
        self.problems: list[str] = []
        self.checked = 0

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def entity(self, table: str, obj: dict[str, Any], path: str) -> None:
        key = obj["id"].lower() if table == "launch" else obj["id"]
        row = self.by_id[table].get(key)
        if row is None:
            self.fail(path, f"no {table} row with id {key!r}")
            return
        covered = self.covered.setdefault((table, key), {"id", *SURROGATE})
        self._fields(table, row, obj, path, covered)

    def _fields(
        self, table: str, row: dict[str, Any], obj: dict[str, Any], path: str, covered: set[str]
    ) -> None:
        columns = metadata.tables[table].c
        # Keys older APIs sent as text and 2.3.0 as an object (db.tables.eras.text_of): the
        # text column holds the string, or the object's part.
        for column in columns:
            text = column.info.get("ll2_text")
            if text and text[0] in obj:
                value = obj[text[0]]
                sent = value.get(text[1]) if type(value) is dict else value
                covered.add(column.name)
                self._scalar(column.type, row[column.name], sent, f"{path}.{text[0]}")
        for name, value in obj.items():
            where = f"{path}.{name}"
            if type(value) is str and any(
                c.info.get("ll2_text", ("",))[0] == name for c in columns
            ):
                continue  # checked above
            if type(value) is list:
                self._list(table, row, name, value, where)
            elif type(value) is dict or (value is None and name not in columns):
                self._object(table, row, name, value, where, covered)
            elif name not in columns:
                self.fail(where, f"no column {table}.{name}")
            else:
                covered.add(name)
                self._scalar(columns[name].type, row[name], value, where)

    def _scalar(self, coltype: Any, stored: Any, sent: Any, path: str) -> None:
        self.checked += 1
        if sent is None:
            ok = stored is None
        elif isinstance(coltype, DateTime) or isinstance(getattr(coltype, "impl", None), DateTime):
            instant = datetime.fromisoformat(sent)
            instant = instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant
            ok = stored == instant.astimezone(UTC)
        elif isinstance(coltype, IntText):  # LL2 sent it as text before 2.3.0
            ok = stored is not None and str(stored) == str(sent)
        elif isinstance(coltype, Date):
            ok = stored == date.fromisoformat(sent[:10])
        elif isinstance(coltype, DecimalText):
            ok = stored == float(sent)
        else:
            ok = stored == sent and type(stored) is type(sent)
        if not ok:
            self.fail(path, f"stored {stored!r}, JSON has {sent!r}")

    def _object(
        self,
        table: str,
        row: dict[str, Any],
        name: str,
        value: dict[str, Any] | None,
        path: str,
        covered: set[str],
    ) -> None:
        columns = metadata.tables[table].c
        id_col = f"{name}_id"
        fks = list(columns[id_col].foreign_keys) if id_col in columns else []
        if fks:
            covered.add(id_col)
            self.checked += 1
            if value is None:
                if row[id_col] is not None:
                    self.fail(path, f"JSON null, stored {id_col}={row[id_col]!r}")
                return
            target = fks[0].column.table.name
            key = value["id"].lower() if target == "launch" else value["id"]
            if row[id_col] != key:
                self.fail(path, f"{id_col} is {row[id_col]!r}, JSON id {key!r}")
            self.entity(target, value, path)
            return
        parts = [c.name for c in columns if c.name.startswith(f"{name}_")]
        if not parts:
            self.fail(path, f"no column {table}.{id_col} nor {name}_* columns")
            return
        for col in parts:
            covered.add(col)
            sent = None if value is None else value.get(col[len(name) + 1 :])
            self._scalar(columns[col].type, row[col], sent, f"{path}.{col[len(name) + 1 :]}")

    def _list(
        self, table: str, owner: dict[str, Any], name: str, items: list[Any], path: str
    ) -> None:
        singular = _singular(name)
        for candidate in (f"{table}_{singular}", singular):
            if candidate not in metadata.tables:
                continue
            link = metadata.tables[candidate]
            owner_cols = [
                c.name
                for c in link.columns
                for fk in c.foreign_keys
                if fk.column.table.name == table
            ]
            if not owner_cols:
                continue
            (owner_col,) = owner_cols
            stored = sorted(
                (r for r in self.rows[candidate] if r[owner_col] == owner["id"]),
                key=lambda r: r["position"],
            )
            if [r["position"] for r in stored] != list(range(len(stored))):
                self.fail(path, f"positions {[r['position'] for r in stored]}")
            pk = [c.name for c in link.primary_key]
            if len(pk) == 2 and owner_col in pk:
                (target_col,) = [c for c in pk if c != owner_col]
                (fk,) = link.c[target_col].foreign_keys
                target = fk.column.table.name
                want = [i["id"].lower() if target == "launch" else i["id"] for i in items]
                if [r[target_col] for r in stored] != want:
                    got = [r[target_col] for r in stored]
                    self.fail(path, f"{candidate} holds {got}, JSON lists {want}")
                for i, item in enumerate(items):
                    self.entity(target, item, f"{path}[{i}]")
            else:
                if len(stored) != len(items):
                    self.fail(path, f"{len(stored)} {candidate} rows, JSON lists {len(items)}")
                for i, (row, item) in enumerate(zip(stored, items, strict=False)):
                    covered = {owner_col, "position", *SURROGATE}
                    self._fields(candidate, row, item, f"{path}[{i}]", covered)
                    self.owned_rows.append((candidate, row, covered))
            return
        self.fail(path, f"no link or owned table for {table}.{name}")

    def finish(self) -> None:
        """Check that every column no JSON key carried is NULL."""
        for (table, key), covered in self.covered.items():
            row = self.by_id[table][key]
            for col, value in row.items():
                if col not in covered and value is not None:
                    self.fail(f"{table}[{key!r}]", f"{col}={value!r} but no JSON key carried it")
        for table, row, covered in self.owned_rows:
            for col, value in row.items():
                if col not in covered and value is not None:
                    self.fail(f"{table} row", f"{col}={value!r} but no JSON key carried it")
