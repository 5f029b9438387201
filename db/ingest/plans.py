"""Each `shapes.Entity` compiled once into the lists the batch loops over.

Flattening runs for every nested object of every event, so the per-object work is kept to
plain loops over prepared tuples: type checks inline for plain scalars, a call only for the
values that are converted (dates, coordinates, floats).
"""

from __future__ import annotations

from launchgraph.db.ingest import scalars as s
from launchgraph.db.ingest.bounds import text_limit
from launchgraph.db.ingest.scalars import Coercer
from launchgraph.db.ingest.shapes import ENTITIES, Entity
from launchgraph.db.tables import AS_OF


class Plan:
    """How to flatten one entity: built from its `Entity`, children linked to their plans."""

    __slots__ = (
        "as_of",
        "below",
        "coercers",
        "converted",
        "flattened",
        "int_key",
        "key_coercer",
        "keyed",
        "links",
        "memoized",
        "owned",
        "plain",
        "refs",
        "required",
        "stamp_coercer",
        "stamped",
        "table",
        "text_keys",
        "texts",
    )

    def __init__(self, ent: Entity) -> None:
        self.table = ent.table
        self.keyed = bool(ent.key)
        self.key_coercer = ent.key_coercer
        # LL2's integer ids need no conversion: an int is taken as it is, without a call.
        self.int_key = ent.key_coercer is s.as_id
        self.stamped = ent.stamped
        # Whether its rows keep the stamp of the event or launch they came in (tables.AS_OF).
        self.as_of = AS_OF in ent.table_columns
        self.stamp_coercer = ent.scalars.get("last_updated", s.as_datetime)
        self.coercers = dict(ent.scalars)
        # (key, type, limit) for values stored as sent once their type and size are checked:
        # the most characters of a text column (see bounds.py); integers are range-checked.
        self.plain: tuple[tuple[str, type, int], ...] = tuple(
            (name, s.PLAIN_TYPES[c], text_limit(ent.table, name))
            for name, c in ent.scalars.items()
            if c in s.PLAIN_TYPES
        )
        # (key, coercer) for values that are converted.
        self.converted: tuple[tuple[str, Coercer], ...] = tuple(
            (name, c) for name, c in ent.scalars.items() if c not in s.PLAIN_TYPES
        )
        self.required = ent.required
        self.flattened: tuple[tuple[str, tuple[tuple[str, str, Coercer], ...]], ...] = tuple(
            (name, tuple((f"{name}_{part}", part, c) for part, c in parts.items()))
            for name, parts in ent.flattened.items()
        )
        self.texts: tuple[tuple[str, tuple[tuple[str, str, Coercer], ...]], ...] = tuple(
            ent.texts.items()
        )
        # Keys whose string value is only text (the refs and flattened parts reading the same
        # key take objects).
        self.text_keys = frozenset(ent.texts)
        # Filled by `_link` once every plan exists.
        self.refs: tuple[tuple[str, str, Plan], ...] = ()
        self.links: tuple[tuple[str, str, Plan, bool], ...] = ()
        self.owned: tuple[tuple[str, str, str, Plan], ...] = ()
        self.memoized = False
        # Tables of the objects nested below this one, at any depth (for the memo).
        self.below: tuple[str, ...] = ()


def _link(plans: dict[str, Plan]) -> None:
    for kind, ent in ENTITIES.items():
        plan = plans[kind]
        plan.refs = tuple((name, r.column, plans[r.entity]) for name, r in ent.refs.items())
        plan.links = tuple(
            (name, k.table, plans[k.entity], k.also_one) for name, k in ent.links.items()
        )
        plan.owned = tuple(
            (name, o.table, o.owner_col, plans[o.entity]) for name, o in ent.owned.items()
        )


def _memoizable(kind: str, seen: dict[str, bool]) -> bool:
    """Whether a repeat of this entity can be skipped by comparing raw JSON (see memo.py):
    only entities that own no rows (owned lists have aliases and keyed children) and whose
    nested objects are all memoizable too. Events and launches never are; they are large and
    mostly unique, so remembering them would cost memory for little gain."""
    if kind not in seen:
        ent = ENTITIES[kind]
        seen[kind] = False  # no cycles in LL2's graph, but never loop if one appears
        children = [r.entity for r in ent.refs.values()] + [k.entity for k in ent.links.values()]
        seen[kind] = (
            not ent.owned
            and not ent.stamped
            and bool(ent.key)
            and all(_memoizable(c, seen) for c in children)
        )
    return seen[kind]


def _build() -> dict[str, Plan]:
    plans = {kind: Plan(ent) for kind, ent in ENTITIES.items()}
    _link(plans)
    seen: dict[str, bool] = {}
    for kind, plan in plans.items():
        plan.memoized = _memoizable(kind, seen)
        plan.below = tuple(sorted(_below(plan, set())))
    return plans


def _below(plan: Plan, seen: set[str]) -> set[str]:
    for child in [c for _n, _c, c in plan.refs] + [c for _n, _t, c, _o in plan.links]:
        if child.table not in seen:
            seen.add(child.table)
            _below(child, seen)
    return seen


PLANS: dict[str, Plan] = _build()
