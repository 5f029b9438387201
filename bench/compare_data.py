#!/usr/bin/env python3
"""Check that LaunchGraph answers a benchmark query with the same data as the reference.

    compare_data.py REFERENCE.json OURS.json [--label q1] [--strict-order] [--max-diffs 25]

REFERENCE.json is PostGraphile's response to shared/bench/anchor/queries/qN.graphql, OURS.json
LaunchGraph's response to bench/queries/qN.json. The two schemas differ in shape, so SPEC below
maps every field the reference queries ask for to where LaunchGraph keeps it, and both sides are
normalised before comparing:

- ids: the reference `id` is LL2's id; ours is `ll2Id` (compared as text, case-insensitive, so
  Int, String and ID all match);
- date-times are compared as instants (`...+00:00`, `...Z` and other offsets are equal when they
  name the same moment; a value without an offset is taken as UTC);
- pad latitude/longitude are compared as numbers (the reference keeps LL2's decimal text);
- lists are compared in order. The one exception is a list that the reference reads through a
  link table (eventLaunches, launchPrograms, eventPrograms, eventAgencies, programAgencies): those
  tables have no position column, so PostGraphile can only return them in primary-key order,
  while LaunchGraph keeps LL2's order. Such lists are compared as multisets (both sides sorted by
  id, or by content when the query asks no id) unless --strict-order is given. Top-level lists
  (`events.nodes`) always compare in order: their order is what the query asks for.

Standard library only. Exit status: 0 same data, 1 different data (or a GraphQL error, or a
response that is not JSON), 2 a reference field that SPEC does not map (fix SPEC) or bad usage.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# ---------------------------------------------------------------------------------------------
# The mapping. Keys are the reference's (PostGraphile's) field names; each value says where the
# same datum lives in LaunchGraph's response and how to compare it.


@dataclass(frozen=True)
class Scalar:
    """A plain value compared as is. `ours` is a dotted path in our object (default: same name)."""

    ours: str | None = None


@dataclass(frozen=True)
class Lossy(Scalar):
    """A value the reference may have lost: null there, anything here is accepted (and counted).

    LL2 sends an agency in two shapes: a mini one (id, name, type) inside launches and programs,
    and a fuller one (country code, abbreviation, description, founding year...) in event
    agencies. The reference loader (anchor/load.py) keeps the first shape it meets for each agency,
    usually the mini one, so most reference agencies have those fields null; LaunchGraph's ingest
    merges both shapes. A non-null reference value must still be equal.
    """


@dataclass(frozen=True)
class LossyNumber(Lossy):
    """A Lossy value compared as a number (the founding year: text in the reference, as LL2
    2.2.0 sent it; an Int in ours, as 2.3.0 sends it)."""


@dataclass(frozen=True)
class Id(Scalar):
    """LL2's id: the reference's `id`, our `ll2Id`."""

    ours: str | None = "ll2Id"


@dataclass(frozen=True)
class Instant(Scalar):
    """A date-time, compared as the moment it names."""


@dataclass(frozen=True)
class Number(Scalar):
    """A decimal (text in the reference), compared as a float."""


@dataclass(frozen=True)
class Obj:
    """A nested object (or null)."""

    spec: dict[str, Any]
    ours: str | None = None


@dataclass(frozen=True)
class Nodes:
    """A plain list of objects on both sides (`events.nodes`); order is significant."""

    spec: dict[str, Any]
    ours: str | None = None


@dataclass(frozen=True)
class Link:
    """The reference's `{ nodes { ITEM { ... } } }` through a link table, our plain list.

    `item` is the field inside each reference node (`launch`, `program`, `agency`).
    """

    item: str
    ours: str
    spec: dict[str, Any]


def same(names: str) -> dict[str, Scalar]:
    """Scalars that keep their name on both sides (both schemas camelCase LL2's snake_case)."""
    return {name: Scalar() for name in names.split()}


AGENCY = (
    {"id": Id()}
    | same("name type")
    | {name: Lossy() for name in ("countryCode", "abbrev", "description")}
    | {"foundingYear": LossyNumber()}
)
PROGRAM = (
    {"id": Id()}
    | same("name description imageUrl infoUrl wikiUrl")
    | {
        "startDate": Instant(),
        "endDate": Instant(),
        "programAgencies": Link("agency", "agencies", AGENCY),
    }
)
LAUNCH_STATUS = {"id": Id()} | same("name abbrev description")
LAUNCHER_CONFIG = {"id": Id()} | same("name family fullName variant")
ORBIT = {"id": Id()} | same("name abbrev")
MISSION = {"id": Id()} | same("name description launchDesignator type") | {"orbit": Obj(ORBIT)}
LOCATION = {"id": Id()} | same(
    "name countryCode mapImage timezoneName totalLaunchCount totalLandingCount"
)
PAD = (
    {"id": Id()}
    | same("name wikiUrl mapUrl mapImage totalLaunchCount")
    | {"latitude": Number(), "longitude": Number(), "location": Obj(LOCATION)}
)
LAUNCH = (
    {"id": Id()}
    | same("slug name probability holdreason failreason hashtag webcastLive infographic")
    | {
        # The references' `image` (LL2 2.2.0's launch image URL) is our `imageUrl` (2.3.0).
        "image": Scalar(ours="imageUrl"),
        "net": Instant(),
        "windowStart": Instant(),
        "windowEnd": Instant(),
        "status": Obj(LAUNCH_STATUS),
        "lsp": Obj(AGENCY, ours="launchServiceProvider"),
        "config": Obj(LAUNCHER_CONFIG, ours="rocket.configuration"),
        "mission": Obj(MISSION),
        "pad": Obj(PAD),
        "launchPrograms": Link("program", "programs", PROGRAM),
    }
)
EVENT_TYPE = {"id": Id()} | same("name")
EVENT = (
    {"id": Id()}
    | same("slug name description location newsUrl videoUrl featureImage webcastLive duration")
    | {
        "date": Instant(),
        "lastUpdated": Instant(),
        "type": Obj(EVENT_TYPE),
        "eventLaunches": Link("launch", "launches", LAUNCH),
        "eventPrograms": Link("program", "programs", PROGRAM),
        "eventAgencies": Link("agency", "agencies", AGENCY),
    }
)
EVENT_CONNECTION = {"totalCount": Scalar(), "nodes": Nodes(EVENT)}
PAGE_INFO = same("hasNextPage")
LAUNCH_CONNECTION = {"totalCount": Scalar(), "pageInfo": Obj(PAGE_INFO), "nodes": Nodes(LAUNCH)}
# q6's objects: the fields of every type it refetches (Launch's id is aliased `lid` in the
# reference queries: its UUID type conflicts with the Int ids of the others in one selection).
NODE = (
    {"__typename": Scalar(), "id": Id(), "lid": Id()}
    | same("name type")
    | {"date": Instant(), "net": Instant(), "startDate": Instant(), "latitude": Number()}
)
# Root fields of the reference queries: q1 and q3 ask `events`, q2 `event(id: 14000)`, q4
# `launches`, q5 `agency` with its `launchesByLspId`; q6's `n01`..`n20` (one `node` each) are
# the items of our one `nodes` list (see compare()).
ROOT = {
    "events": Obj(EVENT_CONNECTION),
    "event": Obj(EVENT),
    "launches": Obj(LAUNCH_CONNECTION),
    "agency": Obj(AGENCY | {"launchesByLspId": Obj(LAUNCH_CONNECTION, ours="launches")}),
}
NODE_ALIAS = re.compile(r"n(\d+)")

# ---------------------------------------------------------------------------------------------
# Normalising both responses into one comparable shape (the reference's field names, values
# normalised), then diffing the two.


class MappingError(Exception):
    """The reference response holds a field SPEC does not map."""


class _Missing:
    def __repr__(self) -> str:
        return "<absent from our response>"


MISSING = _Missing()


class _RefNull:
    def __repr__(self) -> str:
        return "None (reference loader lost it)"


REF_NULL = _RefNull()  # a Lossy field that is null in the reference: matches any value of ours


class Bag(list):
    """A list whose order is not compared (already sorted by a canonical key)."""


def _spec_for(spec: dict[str, Any], key: str, path: str) -> Any:
    if key not in spec:
        raise MappingError(
            f"reference field {path}.{key} has no mapping to LaunchGraph's schema; "
            "add it to SPEC in bench/compare_data.py"
        )
    return spec[key]


def _get(obj: Any, dotted: str) -> Any:
    """Follow a dotted path in our response; null part way gives null, an absent key MISSING."""
    for part in dotted.split("."):
        if obj is None:
            return None
        if not isinstance(obj, dict) or part not in obj:
            return MISSING
        obj = obj[part]
    return obj


def _instant(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return f"<not a date-time: {value!r}>"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _number(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return f"<not a number: {value!r}>"


def _scalar(kind: Scalar, value: Any) -> Any:
    if value is MISSING or value is None:
        return value
    if isinstance(kind, Id):
        return str(value).lower()
    if isinstance(kind, Instant):
        return _instant(value)
    if isinstance(kind, Number | LossyNumber):
        return _number(value)
    return value


def _bag_key(item: Any) -> tuple[int, str]:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return (0, item["id"])
    return (1, json.dumps(item, sort_keys=True, default=repr))


class Normaliser:
    def __init__(self, strict_order: bool) -> None:
        self.strict_order = strict_order

    def _listed(self, items: list[Any], ordered: bool) -> list[Any]:
        return items if ordered or self.strict_order else Bag(sorted(items, key=_bag_key))

    # The reference: walk it, normalising values; every field must be in the spec.
    def reference(self, value: Any, spec: dict[str, Any], path: str) -> Any:
        if value is None:
            return None
        out = {}
        for key, sub in value.items():
            kind = _spec_for(spec, key, path)
            here = f"{path}.{key}"
            got = sub
            if isinstance(kind, Lossy) and got is None:
                out[key] = REF_NULL
            elif isinstance(kind, Scalar):
                out[key] = _scalar(kind, got)
            elif isinstance(kind, Obj):
                out[key] = self.reference(got, kind.spec, here)
            elif isinstance(kind, Nodes):
                out[key] = self._listed(
                    [self.reference(x, kind.spec, f"{here}[]") for x in got], ordered=True
                )
            elif isinstance(kind, Link):
                if got is None:
                    out[key] = None
                    continue
                extra = set(got) - {"nodes"}
                if extra:
                    raise MappingError(f"reference field {here} has {sorted(extra)} besides nodes")
                items = [
                    self.reference(node[kind.item], kind.spec, f"{here}.{kind.item}")
                    for node in got["nodes"]
                ]
                out[key] = self._listed(items, ordered=False)
        return out

    # Ours: fetch, for every field the reference answered, the mapped path in our response.
    # `template` is the reference's (raw) object at the same place: it says which fields the
    # query selected. With no template (reference null or empty list) ours is kept raw, which
    # then shows up in the diff unless it is null/empty too.
    def ours(self, value: Any, spec: dict[str, Any], template: Any, path: str) -> Any:
        if value is None or value is MISSING or not isinstance(template, dict):
            return value
        if not isinstance(value, dict):
            return f"<expected an object, got {type(value).__name__}>"
        out = {}
        for key, ref_sub in template.items():
            kind = _spec_for(spec, key, path)
            here = f"{path}.{key}"
            got = _get(value, kind.ours or key)
            if isinstance(kind, Scalar):
                out[key] = _scalar(kind, got)
            elif isinstance(kind, Obj):
                out[key] = self.ours(got, kind.spec, ref_sub, here)
            elif isinstance(kind, Nodes | Link):
                if not isinstance(got, list):
                    out[key] = got if got in (None, MISSING) else f"<not a list: {got!r:.80}>"
                    continue
                if isinstance(kind, Link):
                    nodes = (ref_sub or {}).get("nodes") or []
                    first = next((n[kind.item] for n in nodes if n.get(kind.item)), None)
                else:
                    first = next((n for n in ref_sub or [] if n), None)
                items = [self.ours(x, kind.spec, first, f"{here}[]") for x in got]
                out[key] = self._listed(items, ordered=isinstance(kind, Nodes))
        return out


@dataclass
class Diff:
    differences: list[tuple[str, Any, Any]] = field(default_factory=list)
    compared: int = 0
    filled: int = 0  # Lossy fields null in the reference and set in ours

    def walk(self, ref: Any, ours: Any, path: str) -> None:
        if isinstance(ref, dict) and isinstance(ours, dict):
            for key in ref:
                self.walk(ref[key], ours.get(key, MISSING), f"{path}.{key}")
            return
        if isinstance(ref, list) and isinstance(ours, list):
            if len(ref) != len(ours):
                self.differences.append((f"{path} (length)", len(ref), len(ours)))
            for i, (a, b) in enumerate(zip(ref, ours, strict=False)):
                self.walk(a, b, f"{path}[{i}]")
            return
        self.compared += 1
        if ref is REF_NULL and ours is not MISSING:
            self.filled += ours is not None
        elif not _equal(ref, ours):
            self.differences.append((path, ref, ours))


def _is_num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _equal(ref: Any, ours: Any) -> bool:
    if isinstance(ref, float) and isinstance(ours, float):
        return math.isclose(ref, ours, rel_tol=0.0, abs_tol=1e-9)
    if _is_num(ref) and _is_num(ours):
        return ref == ours
    # Same type required, so that 1 != "1" and False != 0 (ids were made text already).
    return type(ref) is type(ours) and ref == ours


# ---------------------------------------------------------------------------------------------


class BadResponse(Exception):
    """A response that cannot be compared: missing, not JSON, GraphQL errors, no data."""


def _load(path: str, side: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except FileNotFoundError:
        raise BadResponse(f"{side} response {path} does not exist") from None
    except json.JSONDecodeError as e:
        raise BadResponse(f"{side} response {path} is not JSON: {e}") from None
    if not isinstance(doc, dict):
        raise BadResponse(f"{side} response is not a JSON object")
    if doc.get("errors"):
        msgs = "; ".join(str(e.get("message", e)) for e in doc["errors"][:5])
        raise BadResponse(f"{side} answered with GraphQL errors: {msgs}")
    if not isinstance(doc.get("data"), dict) or not doc["data"]:
        raise BadResponse(f"{side} response has no data")
    return doc["data"]


def compare(ref_data: dict[str, Any], our_data: dict[str, Any], strict_order: bool) -> Diff:
    """Diff two `data` objects. Each reference root field is looked up under the same name in
    ours; when both sides have a single root field, their names need not match."""
    norm = Normaliser(strict_order)
    diff = Diff()
    for root, ref_value in ref_data.items():
        alias = NODE_ALIAS.fullmatch(root)
        if alias and root not in our_data and isinstance(our_data.get("nodes"), list):
            items = our_data["nodes"]
            i = int(alias.group(1)) - 1
            our_value = items[i] if i < len(items) else MISSING
            a = norm.reference(ref_value, NODE, f"data.{root}")
            b = norm.ours(our_value, NODE, ref_value, f"data.nodes[{i}]")
            diff.walk(a, b, f"data.{root}")
            continue
        kind = _spec_for(ROOT, root, "data")
        if root in our_data:
            our_value = our_data[root]
        elif len(ref_data) == 1 and len(our_data) == 1:
            our_value = next(iter(our_data.values()))
        else:
            diff.differences.append((f"data.{root}", "<present>", MISSING))
            continue
        a = norm.reference(ref_value, kind.spec, f"data.{root}")
        b = norm.ours(our_value, kind.spec, ref_value, f"data.{root}")
        diff.walk(a, b, f"data.{root}")
    aliases = [root for root in ref_data if NODE_ALIAS.fullmatch(root)]
    ours = our_data.get("nodes")
    if aliases and "nodes" not in ref_data and isinstance(ours, list) and len(ours) != len(aliases):
        diff.differences.append(("data.nodes (length)", len(aliases), len(ours)))
    return diff


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("reference", help="PostGraphile's JSON response")
    ap.add_argument("ours", help="LaunchGraph's JSON response")
    ap.add_argument("--label", default="compare", help="name to print (e.g. q1)")
    ap.add_argument(
        "--strict-order",
        action="store_true",
        help="compare link-table lists in order too (the reference gives them in id order)",
    )
    ap.add_argument("--max-diffs", type=int, default=25, help="differences to print")
    args = ap.parse_args(argv)
    label = args.label
    try:
        ref_data = _load(args.reference, "reference")
        our_data = _load(args.ours, "LaunchGraph")
        diff = compare(ref_data, our_data, args.strict_order)
    except BadResponse as e:
        print(f"{label}: FAIL: {e}", file=sys.stderr)
        return 1
    except MappingError as e:
        print(f"{label}: MAPPING ERROR: {e}", file=sys.stderr)
        return 2
    if not diff.differences:
        note = (
            f"; {diff.filled} agency field(s) null in the reference are set in ours"
            " (the reference loader keeps an agency's first, mini, shape)"
            if diff.filled
            else ""
        )
        print(f"{label}: OK, same data ({diff.compared} values compared{note})")
        return 0
    n = len(diff.differences)
    print(f"{label}: FAIL: {n} difference(s) in {diff.compared} values", file=sys.stderr)
    for path, ref, ours in diff.differences[: args.max_diffs]:
        print(f"  {path}", file=sys.stderr)
        print(f"    reference: {ref!r:.200}\n    ours:      {ours!r:.200}", file=sys.stderr)
    if n > args.max_diffs:
        print(f"  ... and {n - args.max_diffs} more", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
