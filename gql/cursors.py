"""Opaque keyset cursors: the ordering's signature and the row's sort values, base64url JSON."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import orjson

from launchgraph.gql.errors import INVALID_CURSOR, UserError


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        if "t" in value:
            return datetime.fromisoformat(value["t"])
        if "d" in value:
            return date.fromisoformat(value["d"])
        raise ValueError("unknown cursor value")
    return value


def encode(signature: str, values: Sequence[Any]) -> str:
    raw = orjson.dumps([signature, *(_plain(v) for v in values)])
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _fits(value: Any, kind: type | None) -> bool:
    """Whether a decoded sort value can stand for a column of Python type `kind`."""
    if value is None or kind is None:
        return True
    if isinstance(value, bool) and kind is not bool:
        return False
    if isinstance(value, str) and "\x00" in value:  # no database text holds NUL
        return False
    if kind is int:  # a 64-bit key
        return type(value) is int and -(2**63) <= value < 2**63
    if kind is float:
        return isinstance(value, int | float)
    if kind is date:
        return type(value) is date
    return isinstance(value, kind)


def decode(cursor: str, signature: str, kinds: Sequence[type | None]) -> list[Any]:
    """The sort values in `cursor`, one per sort key (`kinds`: each key's Python type, None
    where unknown); a cursor that is not ours, was made under another ordering, or holds a
    value of the wrong type is an INVALID_CURSOR error."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = orjson.loads(raw)
        if not isinstance(data, list) or len(data) != len(kinds) + 1 or data[0] != signature:
            raise ValueError("cursor does not match this list's ordering")
        values = [_typed(v) for v in data[1:]]
        if not all(_fits(v, k) for v, k in zip(values, kinds, strict=True)):
            raise ValueError("cursor values do not match this list's ordering")
        return values
    except (ValueError, TypeError, binascii.Error, orjson.JSONDecodeError):
        raise UserError(
            "Invalid cursor: pass a cursor returned by this same list and ordering.",
            INVALID_CURSOR,
        ) from None
