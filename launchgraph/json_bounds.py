"""How deep and how big a parsed JSON value is, measured without recursion and abandoned as
soon as a bound is passed (a value nested 100,000 deep costs no more than one at the bound)."""

from __future__ import annotations

from typing import Any


def exceeds(value: Any, max_depth: int, max_values: int) -> str | None:
    """'depth' or 'values' when `value` passes that bound, else None. Depth counts containers:
    a scalar is 0 deep, `{"a": [1]}` is 2."""
    count = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > max_values:
            return "values"
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth + 1 > max_depth:
            return "depth"
        stack.extend((child, depth + 1) for child in children)
    return None
