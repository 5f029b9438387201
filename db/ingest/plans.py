"""Each `shapes.Entity` compiled once into the lists the batch loops over.

Flattening runs for every nested object of every event, so the per-object work is kept to
plain loops over prepared tuples: type checks inline for plain scalars, a call only for the
values that are converted (dates, coordinates, floats).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from launchgraph.db.ingest import scalars as s
from launchgraph.db.ingest.bounds import INT_MAX, INT_MIN, text_limit, too_large
from launchgraph.db.ingest.errors import IngestError
from launchgraph.db.ingest.scalars import Coercer
from launchgraph.db.ingest.shapes import ENTITIES, Entity
from launchgraph.db.tables import AS_OF

# (object, take) -> the object's own row; `take(plan, value)` flattens a nested object and
# returns its key.
RowMaker = Callable[[dict[str, Any], Callable[["Plan", Any], Any]], dict[str, Any]]


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
        "row",
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
        # Compiled by `_compile_row` once every plan is linked.
        self.row: RowMaker = _unlinked


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
        plan.row = _compile_row(plan)
    return plans


def _below(plan: Plan, seen: set[str]) -> set[str]:
    for child in [c for _n, _c, c in plan.refs] + [c for _n, _t, c, _o in plan.links]:
        if child.table not in seen:
            seen.add(child.table)
            _below(child, seen)
    return seen


def _unlinked(obj: dict[str, Any], take: Callable[[Plan, Any], Any]) -> dict[str, Any]:
    raise RuntimeError("plan used before it was compiled")  # pragma: no cover


def not_object(value: Any) -> IngestError:
    return IngestError(f"expected an object, got {type(value).__name__}", "")


def oversized(size: str, limit: int, name: str) -> IngestError:
    return IngestError(too_large(size, limit), f".{name}")


def reject(coerce: Coercer, value: Any, name: str) -> None:
    """Raise the coercer's own error for a value of the wrong type, at `.name`."""
    try:
        coerce(value)
    except IngestError as exc:
        raise exc.inside(f".{name}") from None
    raise IngestError(f"unexpected {type(value).__name__}", f".{name}")  # pragma: no cover


def joined(coerce: Coercer, items: list[Any], part: str) -> str:
    """The comma-separated text of each object's `part` (an agency's countries' codes)."""
    texts = []
    for item in items:
        if type(item) is not dict:
            raise not_object(item)
        text = coerce(item.get(part))
        if text is not None:
            texts.append(text)
    return ",".join(texts)


def _compile_row(plan: Plan) -> RowMaker:
    """The plan's row maker as one straight-line Python function, compiled once.

    Flattening runs for every nested object of every event: a loop over the plan's tuples
    paid for unpacking and branching on each column's kind per object; here every key of the
    entity is a few lines of its own, with its type, limit and coercer as constants. Checks,
    their order and their errors (message and path) are those of the loops it replaces.
    """
    consts: dict[str, Any] = {
        "IngestError": IngestError,
        "INT_MAX": INT_MAX,
        "INT_MIN": INT_MIN,
        "reject": reject,
        "oversized": oversized,
        "not_object": not_object,
        "joined": joined,
    }

    def const(value: Any) -> str:
        name = f"k{len(consts)}"
        consts[name] = value
        return name

    def guarded(target: str, call: str, path: str, pad: str) -> list[str]:
        return [
            f"{pad}try:",
            f"{pad}    row[{target!r}] = {call}",
            f"{pad}except IngestError as exc:",
            f"{pad}    raise exc.inside({path!r}) from None",
        ]

    def present(name: str) -> list[str]:
        return [f"    if {name!r} in obj:", f"        v = obj[{name!r}]"]

    lines = ["def row(obj, take):", "    row = {}"]
    for name, kind, limit in plan.plain:
        lines += present(name)
        lines += [
            "        if v is not None:",
            f"            if type(v) is not {const(kind)}:",
            f"                reject({const(plan.coercers[name])}, v, {name!r})",
        ]
        if kind is str:
            lines += [
                f"            elif len(v) > {limit}:",
                f'                raise oversized(f"{{len(v):,}} characters", {limit}, {name!r})',
            ]
        elif kind is int:
            lines += [
                "            elif v > INT_MAX or v < INT_MIN:",
                f'                raise oversized(f"{{v}}", INT_MAX, {name!r})',
            ]
        lines.append(f"        row[{name!r}] = v")
    for name, coerce in plan.converted:
        lines.append(f"    if {name!r} in obj:")
        lines += guarded(name, f"{const(coerce)}(obj[{name!r}])", f".{name}", "        ")
    for name in plan.required:
        message = f"missing required field {name!r}"
        lines += [
            f"    if obj.get({name!r}) is None:",
            f"        raise IngestError({message!r}, {f'.{name}'!r})",
        ]
    for name, columns in plan.texts:
        lines += present(name)
        lines.append("        if type(v) is dict:")
        for column, part, coerce in columns:
            call = f"{const(coerce)}(v.get({part!r}))"
            lines += guarded(column, call, f".{name}.{part}", "            ")
        lines.append("        elif v is None or type(v) is str:")
        lines += [f"            row[{column!r}] = v" for column, _part, _coerce in columns]
        # A list of objects (an agency's countries) for what older versions sent as a
        # comma-separated text ("FRA,DEU"): that text again.
        lines.append("        elif type(v) is list:")
        for column, part, coerce in columns:
            call = f"joined({const(coerce)}, v, {part!r})"
            lines += guarded(column, call, f".{name}", "            ")
        lines += [
            "        else:",
            "            raise IngestError(",
            '                f"expected a string or an object, got {type(v).__name__}",',
            f"                {f'.{name}'!r},",
            "            )",
        ]
    for name, column, child in plan.refs:
        lines += present(name)
        lines += ["        if v is None:", f"            row[{column!r}] = None"]
        if name in plan.text_keys:
            # An older API's text of the object: stored by the texts above.
            lines.append("        elif type(v) is str:\n            pass")
        lines.append("        else:")
        lines += guarded(column, f"take({const(child)}, v)", f".{name}", "            ")
    for name, parts in plan.flattened:
        lines += present(name)
        lines.append("        if v is None:")
        lines += [f"            row[{column!r}] = None" for column, _part, _coerce in parts]
        if name in plan.text_keys:
            lines.append("        elif type(v) is str:\n            pass")
        lines.append("        elif type(v) is dict:")
        for column, part, coerce in parts:
            call = f"{const(coerce)}(v.get({part!r}))"
            lines += guarded(column, call, f".{name}.{part}", "            ")
        lines += ["        else:", f"            raise not_object(v).inside({f'.{name}'!r})"]
    lines.append("    return row")
    code = compile("\n".join(lines), f"<ingest row of {plan.table}>", "exec")
    # The source is built above from the declared columns only, never from input.
    exec(code, consts)
    return consts["row"]


PLANS: dict[str, Plan] = _build()
