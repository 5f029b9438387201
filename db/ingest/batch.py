"""A batch of LL2 objects flattened into rows, merged by primary key, ready to upsert."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from db.ingest.errors import IngestError
from db.ingest.shapes import ENTITIES, Entity

Stamp = datetime | None


def newer_or_same(incoming: Stamp, held: Stamp) -> bool:
    """Whether a copy stamped `incoming` may replace one stamped `held` (LL2 last_updated).

    A copy without a stamp (older API shapes) never replaces a stamped one; equal stamps
    replace, so ingesting the same data twice is a no-op.
    """
    if held is None:
        return True
    return incoming is not None and incoming >= held


class Batch:
    """Rows of many LL2 objects, deduplicated by key.

    `stored` holds the last_updated already in the database for stamped entities (event,
    launch) that this batch touches; a copy older than it is skipped with its whole subtree.
    """

    def __init__(self, stored: dict[str, dict[Any, Stamp]] | None = None) -> None:
        self.rows: dict[str, dict[Any, dict[str, Any]]] = defaultdict(dict)
        # link table -> owner key -> ordered target keys (replaces the owner's stored links)
        self.links: dict[str, dict[Any, list[Any]]] = defaultdict(dict)
        # owned table -> (owner column, owner key) -> rows (replaces the owner's stored rows)
        self.owned: dict[str, dict[tuple[str, Any], list[dict[str, Any]]]] = defaultdict(dict)
        self.stamps: dict[str, dict[Any, Stamp]] = defaultdict(dict)
        self.stored = stored or {}
        self.objects = 0

    def add(self, kind: str, obj: Any, path: str = "$") -> None:
        """Add one top-level event or launch."""
        self._take(ENTITIES[kind], obj, path)
        self.objects += 1

    def _take(self, ent: Entity, obj: Any, path: str) -> Any:
        if type(obj) is not dict:
            raise IngestError(f"expected an object, got {type(obj).__name__}", path)
        key = ent.key_coercer(obj.get("id"), f"{path}.id")
        if ent.stamped:
            stamp = ent.scalars["last_updated"](obj.get("last_updated"), f"{path}.last_updated")
            held = self.stamps[ent.table]
            stored = self.stored.get(ent.table, {})
            # The copy already in this batch wins over the stored one: it was checked against it.
            rival = held if key in held else stored
            if key in rival and not newer_or_same(stamp, rival[key]):
                return key
            held[key] = stamp
        row = self._row(ent, obj, path)
        row["id"] = key
        target = self.rows[ent.table]
        if key in target:
            target[key].update(row)
        else:
            target[key] = row
        for name, link in ent.links.items():
            if name in obj:
                items = self._list(obj[name], f"{path}.{name}")
                targets: list[Any] = []
                for i, item in enumerate(items):
                    child = self._take(ENTITIES[link.entity], item, f"{path}.{name}[{i}]")
                    if child not in targets:
                        targets.append(child)
                self.links[link.table][key] = targets
        for name, owned in ent.owned.items():
            if name in obj:
                items = self._list(obj[name], f"{path}.{name}")
                child_ent = ENTITIES[owned.entity]
                children = []
                for i, item in enumerate(items):
                    ipath = f"{path}.{name}[{i}]"
                    if type(item) is not dict:
                        raise IngestError("expected an object", ipath)
                    child = self._row(child_ent, item, ipath)
                    if child_ent.key:
                        child["id"] = child_ent.key_coercer(item.get("id"), f"{ipath}.id")
                    child[owned.owner_col] = key
                    child["position"] = i
                    children.append(child)
                self.owned[owned.table][(owned.owner_col, key)] = children
        return key

    def _row(self, ent: Entity, obj: dict[str, Any], path: str) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for name, coerce in ent.scalars.items():
            if name in obj:
                row[name] = coerce(obj[name], f"{path}.{name}")
        for name in ent.required:
            if obj.get(name) is None:
                raise IngestError(f"missing required field {name!r}", f"{path}.{name}")
        for name, ref in ent.refs.items():
            if name in obj:
                value = obj[name]
                row[ref.column] = (
                    None
                    if value is None
                    else self._take(ENTITIES[ref.entity], value, f"{path}.{name}")
                )
        for name, parts in ent.flattened.items():
            if name in obj:
                value = obj[name]
                if value is not None and type(value) is not dict:
                    raise IngestError("expected an object", f"{path}.{name}")
                for part in parts:
                    row[f"{name}_{part}"] = None if value is None else value.get(part)
        return row

    @staticmethod
    def _list(value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if type(value) is not list:
            raise IngestError(f"expected a list, got {type(value).__name__}", path)
        return value
