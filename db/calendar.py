"""What a calendar needs of upcoming events and launches: one flat row per entry.

Criteria mean exactly what they mean on the lists (`LISTINGS[...].where`); this module only
adds the time window and the columns a calendar entry is made of.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db.queries.listings import LISTINGS
from launchgraph.db.tables import metadata

T = metadata.tables
_precision = T["date_precision"]


@dataclass(frozen=True)
class CalendarRow:
    """One upcoming event or launch, as a calendar entry is made of it."""

    kind: str  # "event" or "launch"
    id: str
    name: str
    start: datetime
    end: datetime | None  # a launch's window end; events carry a duration instead
    duration: str | None  # ISO 8601 (LL2 event `duration`)
    precision_id: int | None
    precision_name: str | None
    tbd_date: bool
    tbd_time: bool
    last_updated: datetime | None
    location: str | None
    status: str | None
    description: str | None
    slug: str | None


def _events(since: datetime) -> Select[Any]:
    event, kind = T["event"], T["event_type"]
    return (
        select(
            event.c.id,
            event.c.name,
            event.c.date.label("start"),
            event.c.duration,
            event.c.date_precision_id.label("precision_id"),
            _precision.c.name.label("precision_name"),
            event.c.last_updated,
            event.c.location,
            kind.c.name.label("status"),
            event.c.description,
            event.c.slug,
        )
        .select_from(event)
        .outerjoin(_precision, _precision.c.id == event.c.date_precision_id)
        .outerjoin(kind, kind.c.id == event.c.type_id)
        .where(event.c.date >= since)
    )


def _launches(since: datetime) -> Select[Any]:
    launch, status, pad = T["launch"], T["launch_status"], T["pad"]
    location, mission = T["location"], T["mission"]
    return (
        select(
            launch.c.id,
            launch.c.name,
            launch.c.net.label("start"),
            launch.c.window_end.label("end"),
            launch.c.net_precision_id.label("precision_id"),
            _precision.c.name.label("precision_name"),
            launch.c.tbddate,
            launch.c.tbdtime,
            launch.c.last_updated,
            pad.c.name.label("pad"),
            location.c.name.label("place"),
            status.c.name.label("status"),
            mission.c.description,
            launch.c.slug,
        )
        .select_from(launch)
        .outerjoin(_precision, _precision.c.id == launch.c.net_precision_id)
        .outerjoin(status, status.c.id == launch.c.status_id)
        .outerjoin(pad, pad.c.id == launch.c.pad_id)
        .outerjoin(location, location.c.id == pad.c.location_id)
        .outerjoin(mission, mission.c.id == launch.c.mission_id)
        .where(launch.c.net >= since)
    )


def _row(kind: str, r: Any) -> CalendarRow:
    m = r._mapping
    if kind == "launch":
        where = ", ".join(p for p in (m["pad"], m["place"]) if p) or None
        extra = {"end": m["end"], "duration": None, "location": where}
        tbd = {"tbd_date": bool(m["tbddate"]), "tbd_time": bool(m["tbdtime"])}
    else:
        extra = {"end": None, "duration": m["duration"], "location": m["location"]}
        tbd = {"tbd_date": False, "tbd_time": False}
    return CalendarRow(
        kind=kind,
        id=str(m["id"]),
        name=m["name"],
        start=m["start"],
        precision_id=m["precision_id"],
        precision_name=m["precision_name"],
        last_updated=m["last_updated"],
        status=m["status"],
        description=m["description"],
        slug=m["slug"],
        **extra,
        **tbd,
    )


_QUERIES = {"event": _events, "launch": _launches}


async def upcoming(
    conn: AsyncConnection,
    kind: str,
    criteria: Mapping[str, Any],
    since: datetime,
    limit: int,
) -> list[CalendarRow]:
    """Up to `limit` events or launches (`kind`) dated at or after `since` that meet the
    list criteria, soonest first."""
    listing = LISTINGS[kind]
    keys = listing.keys(None)
    query = (
        _QUERIES[kind](since)
        .where(*listing.where(criteria))
        .order_by(*(k.order_by() for k in keys))
        .limit(limit)
    )
    return [_row(kind, r) for r in await conn.execute(query)]
