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


def as_int(value: Any) -> int | None:
    if value is None:
        return value
    if type(value) is int:
        return _int_in_range(value)
    raise _wrong(value, "an integer")


def as_str(value: Any) -> str | None:
    if value is None:
        return value
    if type(value) is str:
        return _text_in_range(value)
    raise _wrong(value, "a string")


def as_int_text(value: Any) -> str | None:
    """An integer sent as a number (API 2.3.0) or as text (older APIs), kept as text."""
    if value is None or type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    raise _wrong(value, "an integer or its text")


def as_bool(value: Any) -> bool | None:
    if value is None or type(value) is bool:
        return value
    raise _wrong(value, "a boolean")


def as_float(value: Any) -> float | None:
    if value is None or type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise _wrong(value, "a number")


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


def as_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if type(value) is str:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise _wrong(value, "an ISO 8601 date-time") from None
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    raise _wrong(value, "an ISO 8601 date-time")


def as_date(value: Any) -> date | None:
    if value is None:
        return None
    if type(value) is str:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            raise _wrong(value, "an ISO 8601 date") from None
    raise _wrong(value, "an ISO 8601 date")


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
