"""Skip shared LL2 objects a file has already written, unchanged.

LL2 nests the same agencies, programs, pads, locations, rocket configurations ... in every
event, so most of a file's nested objects are repeats. For each key of a memoized entity the
memo keeps the raw JSON the file has written so far, merged key by key in file order: the last
copy carrying a key wins, exactly as the upserts do in the database (only the keys a copy
carries are written; a list replaces the stored links). A new copy whose items are all in that
merged state, and whose nested objects are all likewise unchanged, would write nothing: it is
skipped without being flattened. Anything else is flattened and written as usual, so skipping
never changes what ends up stored. The item comparisons run in C (dict item views); values
compare with Python's ==, so a repeat is not re-validated (1 and 1.0 are equal).

Checking nested objects again on every repeat would cost as much as the saving, so the memo
has an epoch, moved whenever a remembered value changes (a copy with another value for a
key, a table started over); a key remembers the epoch at which its whole merged subtree was
last found unchanged, and while that epoch stands it needs no deeper look: one integer
comparison per repeat. A new object, or new keys of one (a full copy after a mini one), does
not move the epoch: every copy already nested in a parent's state is still a part of the
grown state.

JSON lines leave shared objects as their JSON text (decode.py): a copy whose exact text was
taken or found unchanged at the current epoch is skipped on that alone (`texts`), without
being decoded; the same decision the item comparison would make, since at one epoch the
state only gains keys.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from launchgraph.db.ingest.plans import Plan

# Keys remembered per table before the memo of that table starts over: bounds memory on
# files with many distinct objects (rockets) while keeping the small shared tables.
CAP = 20_000


class Memo:
    """What one file has written so far, per memoized table and key (raw JSON, merged)."""

    def __init__(self, cap: int = CAP) -> None:
        self.cap = cap
        self.state: dict[str, dict[Any, dict[str, Any]]] = defaultdict(dict)
        self.epoch = 0
        # table -> key -> the epoch at which its subtree was last known whole
        self.whole: dict[str, dict[Any, int]] = defaultdict(dict)
        # table -> JSON text of a copy taken or found unchanged -> (its key, the epoch then)
        self.texts: dict[str, dict[bytes, tuple[Any, int]]] = defaultdict(dict)
        self.skipped = 0

    def same(self, plan: Plan, key: Any, obj: dict[str, Any]) -> bool:
        """Whether writing `obj` (with its nested objects) would change nothing.

        Batch._take runs the first level of this inline, for speed.
        """
        state = self.state[plan.table].get(key)
        if state is None or not obj.items() <= state.items():
            return False
        return not plan.below or self.whole_unchanged(plan, key, state)

    def whole_unchanged(self, plan: Plan, key: Any, state: dict[str, Any]) -> bool:
        """Whether every object nested in the merged state is unchanged in its own table.

        Checks the state rather than the new copy: it carries every nested key any copy
        carried, so a later fuller copy can rely on the answer too.
        """
        whole = self.whole[plan.table]
        if whole.get(key) == self.epoch:
            return True
        # Raw values in the state were validated when taken, so nested ones are objects and
        # lists of objects with valid ids.
        for name, _column, child in plan.refs:
            value = state.get(name)
            if value is not None and not self.same(child, child.key_coercer(value["id"]), value):
                return False
        for name, _table, child, _one in plan.links:
            items = state.get(name) or ()
            for item in [items] if type(items) is dict else items:
                if not self.same(child, child.key_coercer(item["id"]), item):
                    return False
        whole[key] = self.epoch
        return True

    def seen_text(self, plan: Plan, text: bytes, key: Any) -> None:
        """Remember that a copy with this JSON text was just taken or found unchanged."""
        texts = self.texts[plan.table]
        if len(texts) >= self.cap:
            texts.clear()
        texts[text] = (key, self.epoch)

    def taken(self, plan: Plan, key: Any, obj: dict[str, Any]) -> None:
        """Record that `obj` was flattened for writing (after its nested objects were)."""
        table = plan.table
        states = self.state[table]
        state = states.get(key)
        if state is None:
            if len(states) >= self.cap:
                states.clear()
                self.whole[table].clear()
                self.texts[table].clear()
                self.epoch += 1  # parents' subtrees may hold keys no longer remembered
            # A copy: the merged state is updated later, and `obj` is still part of its parent.
            states[key] = dict(obj)
        elif not obj.items() <= state.items():
            # Keys only added keep every copy nested in a parent a part of this state, so
            # the parents' subtrees stay whole; a value overwritten may not (rare: LL2's
            # copies of one object in one file are mini or full shapes of the same data).
            if any(name in state and state[name] != value for name, value in obj.items()):
                self.epoch += 1
            state.update(obj)
        if plan.below:
            # Its nested objects were just written from this copy, not from the whole state.
            self.whole[table].pop(key, None)
