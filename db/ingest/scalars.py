"""Checks and conversions of LL2 scalar values.

A coercer takes the raw JSON value and returns what is stored; a wrong type raises an
IngestError whose path is relative ("") and is completed by the caller, which knows the key.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from launchgraph.db.ingest.bounds import INT_MAX, INT_MIN, TEXT_MAX, too_large
from launchgraph.db.ingest.errors import IngestError

Coercer = Callable[[Any], Any]
# A coordinate as decimal text: LL2 sends at most a dozen digits.
_DECIMAL_MAX = 64


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def _wrong(value: Any, expected: str) -> IngestError:
    return IngestError(f"expected {expected}, got {_kind(value)} ({value!r:.60})", "")


def _int_in_range(value: int) -> int:
    if value > INT_MAX or value < INT_MIN:
        raise IngestError(too_large(str(value), INT_MAX), "")
    return value


def _text_in_range(value: str, limit: int = TEXT_MAX) -> str:
    if len(value) > limit:
        raise IngestError(too_large(f"{len(value):,} characters", limit), "")
    return value


def _exactly(kind: type, expected: str, check: Callable[[Any], Any] = lambda v: v) -> Coercer:
    """None, or a value of exactly `kind` (a bool is not an int here) passed through `check`."""

    def coerce(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is kind:
            return check(value)
        raise _wrong(value, expected)

    return coerce


def _or_from_int(kind: type, expected: str) -> Coercer:
    """None or a `kind` as is, or an integer made one (LL2 sends 3 for 3.0, and a number where
    older versions sent its text)."""

    def coerce(value: Any) -> Any:
        if value is None or type(value) is kind:
            return value
        if type(value) is int:
            return kind(value)
        raise _wrong(value, expected)

    return coerce


def _parsed(parse: Callable[[str], Any], expected: str) -> Coercer:
    """None, or a string that `parse` reads (raising ValueError when it cannot)."""

    def coerce(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is str:
            try:
                return parse(value)
            except ValueError:
                raise _wrong(value, expected) from None
        raise _wrong(value, expected)

    return coerce


def _utc(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is UTC:  # LL2's "...Z": no conversion to make
        return parsed
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


as_int = _exactly(int, "an integer", _int_in_range)
as_str = _exactly(str, "a string", _text_in_range)
as_bool = _exactly(bool, "a boolean")
as_float = _or_from_int(float, "a number")
# An integer sent as a number (API 2.3.0) or as text (older APIs), kept as text.
as_int_text = _or_from_int(str, "an integer or its text")
as_datetime = _parsed(_utc, "an ISO 8601 date-time")
as_date = _parsed(lambda text: date.fromisoformat(text[:10]), "an ISO 8601 date")


def as_decimal_text(value: Any) -> str | None:
    """Coordinates: LL2 2.2 sends decimal strings, later versions numbers; keep exact text."""
    if value is None:
        return None
    if type(value) is str:
        try:
            float(value)
        except ValueError:
            raise _wrong(value, "a decimal number") from None
        return _text_in_range(value, _DECIMAL_MAX)
    if type(value) in (int, float):
        return repr(value)
    raise _wrong(value, "a decimal number")


def as_id(value: Any) -> int:
    if type(value) is int:
        return _int_in_range(value)
    if value is None:
        raise IngestError("missing id", "")
    raise _wrong(value, "an integer id")


def as_uuid(value: Any) -> str:
    if type(value) is str and len(value) == 36 and value.count("-") == 4:
        return value.lower()
    if value is None:
        raise IngestError("missing id", "")
    raise _wrong(value, "a launch uuid")


# Coercers that only check a type and return the value unchanged: the batch checks these
# inline (no call per value), the rest it calls.
PLAIN_TYPES: dict[Coercer, type] = {as_int: int, as_str: str, as_bool: bool}
