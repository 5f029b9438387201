"""Hashable descriptions of a list query, so identical asks in one request share one load."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from launchgraph.db.queries.pages import Window


def freeze(value: Any) -> Any:
    """Dicts and lists -> sorted tuples, recursively, usable as dict keys."""
    if isinstance(value, Mapping):
        return tuple(sorted((k, freeze(v)) for k, v in value.items() if v is not None))
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


@dataclass(frozen=True)
class Criteria:
    """Filter criteria (plain names -> values), compared by a frozen copy."""

    key: tuple[Any, ...]
    values: Mapping[str, Any] = field(compare=False, hash=False)

    @classmethod
    def of(cls, values: Mapping[str, Any] | None) -> Criteria:
        values = {k: v for k, v in (values or {}).items() if v is not None}
        return cls(freeze(values), values)


NO_CRITERIA = Criteria.of(None)


@dataclass(frozen=True)
class ListQuery:
    """A list's criteria, ordering and window."""

    criteria: Criteria
    order: tuple[tuple[str, bool], ...]
    window: Window
