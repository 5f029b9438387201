"""A batch of LL2 objects flattened into rows, merged by primary key, ready to upsert."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

import orjson
from msgspec import Raw

from launchgraph.db.ingest.bounds import INT_MAX, INT_MIN
from launchgraph.db.ingest.errors import IngestError
from launchgraph.db.ingest.memo import Memo
from launchgraph.db.ingest.plans import PLANS, Plan, not_object

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
    `memo` (one per file) lets a shared object the file already wrote, unchanged, be skipped
    without flattening it again: LL2 repeats agencies, programs, pads ... in every event.
    """

    def __init__(
        self, stored: dict[str, dict[Any, Stamp]] | None = None, memo: Memo | None = None
    ) -> None:
        self.rows: dict[str, dict[Any, dict[str, Any]]] = defaultdict(dict)
        # link table -> owner key -> ordered target keys (replaces the owner's stored links)
        self.links: dict[str, dict[Any, list[Any]]] = defaultdict(dict)
        # owned table -> (owner column, owner key) -> rows (replaces the owner's stored rows)
        self.owned: dict[str, dict[tuple[str, Any], list[dict[str, Any]]]] = defaultdict(dict)
        self.stamps: dict[str, dict[Any, Stamp]] = defaultdict(dict)
        self.stored = stored or {}
        self.memo = memo if memo is not None else Memo()
        self.objects = 0
        # last_updated of the nearest event or launch around the object being flattened: the
        # stamp of the unstamped objects nested in it (pads, agencies ...).
        self.as_of: Stamp = None
        # Handed to the row makers for every object: one bound method, not one per call.
        self.take = self._take

    def add(self, kind: str, obj: Any, path: str = "$") -> None:
        """Add one top-level event or launch; a bad value raises IngestError at its full path."""
        self.as_of = None
        try:
            self._take(PLANS[kind], obj)
        except IngestError as exc:
            raise exc.inside(path) from None
        self.objects += 1

    def _take(self, plan: Plan, obj: Any) -> Any:
        """Flatten one object (and everything nested in it) into rows; returns its key."""
        if type(obj) is not dict:
            if type(obj) is Raw:
                # A shared object left as JSON text (decode.py): skipped when the same text
                # was taken or found unchanged at this epoch (items taken then are still part
                # of the state; the epoch moves when a remembered value changes), with the
                # whole-subtree mark of this epoch for nested objects. Most are repeats.
                data = bytes(obj)
                memo = self.memo
                known = memo.texts[plan.table].get(data)
                if (
                    known is not None
                    and known[1] == memo.epoch
                    and (not plan.below or memo.whole[plan.table].get(known[0]) == memo.epoch)
                ):
                    memo.skipped += 1
                    return known[0]
                return self._take_text(plan, data)
            raise not_object(obj)
        key = obj.get("id")
        if type(key) is not int or not plan.int_key or key > INT_MAX or key < INT_MIN:
            try:
                key = plan.key_coercer(key)
            except IngestError as exc:
                raise exc.inside(".id") from None
        memo = self.memo
        if plan.memoized:
            # Inlined Memo.unchanged: this runs for every nested shared object.
            state = memo.state[plan.table].get(key)
            if (
                state is not None
                and obj.items() <= state.items()
                and (
                    not plan.below
                    or memo.whole[plan.table].get(key) == memo.epoch
                    or memo.whole_unchanged(plan, key, state)
                )
            ):
                memo.skipped += 1
                return key
        if plan.stamped:
            try:
                stamp = plan.stamp_coercer(obj.get("last_updated"))
            except IngestError as exc:
                raise exc.inside(".last_updated") from None
            held = self.stamps[plan.table]
            # The copy already in this batch wins over the stored one: it was checked against it.
            rival = held if key in held else self.stored.get(plan.table, {})
            if key in rival and not newer_or_same(stamp, rival[key]):
                return key
            held[key] = stamp
            outer, self.as_of = self.as_of, stamp
        row = plan.row(obj, self.take)
        row["id"] = key
        target = self.rows[plan.table]
        older = False
        if plan.as_of:
            row["as_of"] = self.as_of
        if key not in target:
            target[key] = row
        elif plan.as_of and not newer_or_same(self.as_of, target[key]["as_of"]):
            # An older snapshot than the one already taken: it only fills gaps.
            older = True
            kept = target[key]
            for column, value in row.items():
                if kept.get(column) is None:
                    kept[column] = value
        else:
            target[key].update(row)
        for name, table, child_plan, also_one in plan.links:
            if name in obj:
                targets: list[Any] = []
                items = obj[name]
                if also_one and type(items) is dict:
                    items = [items]
                for i, item in enumerate(_list(items, name)):
                    try:
                        child = self._take(child_plan, item)
                        if child is None:  # a null in the list, left as text (decode.py)
                            raise not_object(None)
                    except IngestError as exc:
                        raise exc.inside(f"[{i}]").inside(f".{name}") from None
                    if child not in targets:
                        targets.append(child)
                # An older snapshot's list does not replace a newer one's.
                if not (older and key in self.links[table]):
                    self.links[table][key] = targets
        for name, table, owner_col, child_plan in plan.owned:
            if name in obj:
                children = []
                for i, item in enumerate(_list(obj[name], name)):
                    try:
                        if type(item) is not dict:
                            raise not_object(item)
                        child = child_plan.row(item, self.take)
                        if child_plan.keyed:
                            try:
                                child["id"] = child_plan.key_coercer(item.get("id"))
                            except IngestError as exc:
                                raise exc.inside(".id") from None
                    except IngestError as exc:
                        raise exc.inside(f"[{i}]").inside(f".{name}") from None
                    child[owner_col] = key
                    child["position"] = i
                    children.append(child)
                self.owned[table][(owner_col, key)] = children
        if plan.memoized:
            memo.taken(plan, key, obj)
        if plan.stamped:
            self.as_of = outer
        return key

    def _take_text(self, plan: Plan, data: bytes) -> Any:
        """A shared object left as JSON text by decode.py whose text the memo does not vouch
        for (`_take` skips those: the same text taken or found unchanged at this epoch, with
        the whole-subtree mark of this epoch for nested objects): decoded and taken like any.
        A null gives None (a ref's null; a list's null is refused by the caller).
        """
        try:
            value = orjson.loads(data)
        except orjson.JSONDecodeError as exc:  # pragma: no cover
            # decode.py lets through only lines orjson reads whole, so never; but not a crash.
            raise IngestError(f"malformed JSON: {exc}", "") from None
        if value is None:
            return None
        key = self._take(plan, value)
        self.memo.seen_text(plan, data, key)
        return key


def _list(value: Any, name: str) -> list[Any]:
    if value is None:
        return []
    if type(value) is not list:
        raise IngestError(f"expected a list, got {type(value).__name__}", f".{name}")
    return value
