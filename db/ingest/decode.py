"""JSON lines decoded into the objects the batch reads, each shared object left as its text.

LL2 repeats the same agencies, programs, pads ... (the memoized entities, see memo.py) in every
event: most of a file's bytes are copies of objects it has already written. Decoding them into
Python objects only for the memo to find them equal to what it holds was most of an ingest's
Python time. Here a line is decoded by msgspec into the shape the plans declare: events,
launches and the other objects that are flattened every time are dicts (with the keys the
plans read), and each object of a memoized entity nested directly in them stays `Raw` JSON
text, which the batch recognises by its bytes when the file has written it before, and
decodes with orjson otherwise (batch.py).

The result is what orjson makes of the line, less the keys no plan reads. Where the two
decoders could disagree, the line goes to orjson whole, as before: a line msgspec refuses (bad
JSON, or a value of another type than the shape expects, such as a list where an object is
declared), one orjson would read as text with another meaning or refuse while msgspec reads it
(not UTF-8; a number with an exponent, which may overflow; integers of 19 digits or more,
which orjson makes floats). So every error is orjson's or the batch's, as before.
"""

from __future__ import annotations

from typing import Any, TypedDict

import msgspec
from msgspec import Raw

from launchgraph.db.ingest.plans import PLANS, Plan

# An integer of 19 digits or more may be past 64 bits: a float to orjson, an int to msgspec.
_LONG = b"0" * 19
_VALUE_START = frozenset(b":,[")


def _numbers_agree(marks: bytes) -> bool:
    """Whether orjson and msgspec read every number of the line alike, from the line's
    number marks (depth.check_line: digits as 0, exponent marks as e, signs, points,
    separators and spaces, no other letters): no integer of 19 digits or more, and no number with
    an exponent of three digits or more (orjson refuses one that overflows; msgspec does not
    look at the numbers it skips). Each candidate (a tweet's id in a URL, a uuid's "e123")
    counts only where a value starts: after a colon, comma or bracket."""
    for mark in (_LONG, b"0e000", b"0e+000"):  # (a number's exponent follows a digit)
        at = marks.find(mark)
        while at >= 0:
            if _starts_value(marks, at):
                return False
            at = marks.find(mark, at + len(mark))
    return True


def _starts_value(text: bytes, at: int) -> bool:
    """Whether the digits from `at` on (and any digits and points just before) start a JSON
    value, as a number does."""
    start = at
    while start and text[start - 1] in b"0.":
        start -= 1
    if start and text[start - 1] == ord("-"):
        start -= 1
    while start and text[start - 1] in b" \t\r\n":
        start -= 1
    return start > 0 and text[start - 1] in _VALUE_START


def _shape(plan: Plan, building: set[str]) -> Any:
    """The type a nested object of `plan` decodes to."""
    if plan.memoized:
        return Raw
    if plan.table in building:
        return Any  # a cycle (a launcher family's parent): decoded whole
    building.add(plan.table)
    try:
        fields = _fields(plan, building)
    finally:
        building.discard(plan.table)
    return TypedDict(f"{plan.table}_shape", fields, total=False)  # type: ignore[operator]


def _fields(plan: Plan, building: set[str]) -> dict[str, Any]:
    """The keys the plan reads, each with the type it is decoded to; Any where the value
    is read in Python as it comes (scalars, texts, owned lists, and keys that also take
    text)."""
    fields: dict[str, Any] = {"id": Any}
    fields.update(dict.fromkeys(plan.coercers, Any))
    fields.update(dict.fromkeys(plan.required, Any))
    fields.update(dict.fromkeys(plan.text_keys, Any))
    fields.update(dict.fromkeys((name for name, _parts in plan.flattened), Any))
    fields.update(dict.fromkeys((name for name, *_rest in plan.owned), Any))
    for name, _column, child in plan.refs:
        if name in fields:
            continue
        shape = _shape(child, building)
        # A null shared object stays Raw text (`null`), as msgspec has no optional Raw.
        fields[name] = shape if shape is Raw or shape is Any else shape | None
    for name, _table, child, also_one in plan.links:
        if name in fields:
            continue
        fields[name] = Any if also_one else list[_shape(child, building)] | None
    return fields


def _top_shape() -> Any:
    """Events and launches in one type (the kind is told by the keys, shapes.kind_of): a key
    both read, typed differently, is decoded whole."""
    fields: dict[str, Any] = {}
    for kind in ("event", "launch"):
        for name, shape in _fields(PLANS[kind], {kind}).items():
            fields[name] = shape if fields.get(name, shape) == shape else Any
    # A list page on one line goes the slow way (sources._unpage); these tell the kind.
    for name in ("results", "net", "rocket", "launch_service_provider", "date", "launches"):
        fields.setdefault(name, Any)
    return TypedDict("ll2_line", fields, total=False)  # type: ignore[operator]


_decoder = msgspec.json.Decoder(_top_shape())


def decode(line: bytes, marks: bytes) -> dict[str, Any] | None:
    """The line's object with shared objects as Raw text, or None: decode it with orjson.
    `marks`: what depth.check_line returned for the line."""
    if not line.isascii():
        try:
            line.decode()
        except UnicodeDecodeError:
            return None
    if not _numbers_agree(marks):
        return None
    try:
        obj = _decoder.decode(line)
    except msgspec.DecodeError:  # ValidationError included
        return None
    if "results" in obj:
        return None
    return obj
