"""Opaque keyset cursors: the ordering's signature and the row's sort values, base64url JSON."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import orjson

from gql.errors import INVALID_CURSOR, UserError


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


def decode(cursor: str, signature: str, width: int) -> list[Any]:
    """The sort values in `cursor`; a cursor that is not ours, or was made under another
    ordering or filter-independent shape, is an INVALID_CURSOR error."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = orjson.loads(raw)
        if not isinstance(data, list) or len(data) != width + 1 or data[0] != signature:
            raise ValueError("cursor does not match this list's ordering")
        return [_typed(v) for v in data[1:]]
    except (ValueError, TypeError, binascii.Error, orjson.JSONDecodeError):
        raise UserError(
            "Invalid cursor: pass a cursor returned by this same list and ordering.",
            INVALID_CURSOR,
        ) from None
