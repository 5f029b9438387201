"""The root fields of the graph, each declared once: what it lists or looks up, and its
documentation. gql.resolvers.query makes the reference resolvers from these declarations,
and the compiled path (gql.compiled) reads the same ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# LL2 /upcoming/: from one day ago on; the day of grace keeps something that has just happened
# in the list while its coverage is still current.
UPCOMING_GRACE = timedelta(days=1)

Bound = Callable[[datetime], dict[str, Any]]


@dataclass(frozen=True)
class RootList:
    """A filtered, ordered connection over the rows of `table` (a db.queries.listings name).

    A timeline (upcoming / previous) adds criteria computed from the request's 'now' and has
    a fixed order instead of an `orderBy` argument."""

    name: str
    table: str
    description: str
    bound: Bound | None = None
    order: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class RootLookup:
    """One row of `table` by exactly one of its global id, its LL2 id or (where `slug`) its
    slug."""

    name: str
    table: str
    description: str
    slug: bool = False


Root = RootList | RootLookup


def _upcoming(column: str) -> Bound:
    return lambda now: {f"{column}_from": now - UPCOMING_GRACE}


def _previous(column: str) -> Bound:
    return lambda now: {f"{column}_until": now}


def _timelines(table: str, plural: str, column: str, order_field: str, what: str) -> list[Root]:
    """LL2's upcoming and previous lists of `table`, whose time column is `column`."""
    return [
        RootList(
            f"upcoming_{plural}",
            table,
            f"LL2's upcoming {what}: {column} at or after now minus one day, by {column} then id.",
            _upcoming(column),
            ((order_field, True), ("ID", True)),
        ),
        RootList(
            f"previous_{plural}",
            table,
            f"LL2's previous {what}: {column} at or before now, newest first.",
            _previous(column),
            ((order_field, False), ("ID", True)),
        ),
    ]


def _pair(table: str, one: str, many: str, what: str, default: str = "id") -> list[Root]:
    return [
        RootLookup(one, table, f"One {what} by exactly one of `id` or `ll2Id`."),
        RootList(many, table, f"All {what}s, filtered and ordered (default: {default})."),
    ]


ROOTS: list[Root] = [
    RootLookup("event", "event", "One event by exactly one of `id`, `ll2Id` or `slug`.", True),
    RootList("events", "event", "All events, filtered and ordered (default: date, id)."),
    *_timelines("event", "events", "date", "DATE", "events"),
    RootList("event_types", "event_type", "All event types."),
    RootLookup(
        "launch",
        "launch",
        "One launch by exactly one of `id`, `ll2Id` or `slug` (LL2 has moved slugs between "
        "launches over time: a slug names the most recently updated launch that carries it).",
        True,
    ),
    RootList("launches", "launch", "All launches, filtered and ordered (default: NET, id)."),
    *_timelines("launch", "launches", "net", "NET", "launches"),
    RootLookup("agency", "agency", "One agency by exactly one of `id` or `ll2Id`."),
    RootList("agencies", "agency", "All agencies, filtered and ordered (default: id)."),
    *_pair("program", "program", "programs", "program"),
    *_pair("pad", "pad", "pads", "pad"),
    *_pair("location", "location", "locations", "location"),
    *_pair("spacestation", "spacestation", "spacestations", "space station"),
    *_pair("expedition", "expedition", "expeditions", "expedition"),
    *_pair("launcher_config", "launcher_config", "launcher_configs", "launcher configuration"),
]
