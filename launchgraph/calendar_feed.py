"""GET /calendar.ics: upcoming launches and events as an iCalendar feed (RFC 5545).

Query parameters are the fields of the GraphQL list filters (`LaunchFilter`, `EventFilter`),
camelCase or snake_case: lists repeated or comma-separated (`providerIds=121,44`), ranges as
`net.gte=2026-01-01T00:00:00Z`. `kind=launch` or `kind=event` picks one list (default: both;
then every filter given must exist on both). `limit` caps each list (default 250, at most 1000).

Each entry keeps its UID for good (`launch-<uuid>@launchgraph`), so a calendar app updates it in
place; SEQUENCE and LAST-MODIFIED follow LL2's `last_updated`, which grows with every revision.
A NET known only to the day is an all-day entry; one known only to the week, month, quarter or
year is an all-day entry spanning that period, TENTATIVE and free (never a made-up hour).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event, vDuration
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from launchgraph.db.calendar import CalendarRow, upcoming
from launchgraph.gql.errors import UserError
from launchgraph.gql.inputs import DateTimeRange, EventFilter, LaunchFilter, as_mapping, criteria
from launchgraph.response_cache import etag_of
from launchgraph.settings import Settings

MEDIA_TYPE = "text/calendar; charset=utf-8"
# The GraphQL filter input of each list: the feed's parameters are its fields.
FILTERS: dict[str, type] = {"launch": LaunchFilter, "event": EventFilter}
DEFAULT_LIMIT, MAX_LIMIT = 250, 1000
# Entries stay a day after their time, as on LL2's /upcoming/: a calendar app deletes what
# leaves the feed, and a launch that has just flown should not vanish at T-0.
GRACE = timedelta(days=1)
# SEQUENCE counts revisions; LL2 keeps no count, but `last_updated` only grows (newer wins on
# ingest), so seconds since this instant are a valid, ever-increasing SEQUENCE (fits 31 bits
# until 2068).
SEQUENCE_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
STAMP_FALLBACK = SEQUENCE_EPOCH

# LL2 date_precision ids (the table holds their names): 0-2 second, minute, hour; 3-5 morning,
# afternoon, day; 6 week; 7 month; 8-11 quarters; 12-13 halves; 14-15 year, fiscal year;
# 16 decade. LL2 puts the NET inside (usually at the end of) the period.
TIMED = frozenset({0, 1, 2})
DAY = frozenset({3, 4, 5})
_PERIOD_MONTHS = {7: 1, 8: 3, 9: 3, 10: 3, 11: 3, 12: 6, 13: 6, 14: 12, 15: 12, 16: 120}


class FeedError(UserError):
    """A query parameter the feed cannot use."""


# --- parameters -------------------------------------------------------------------------


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def _inner(hint: Any) -> Any:
    """`list[int] | None` -> `list[int]`."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


def _scalar(kind: type, name: str, text: str) -> Any:
    try:
        if kind is int:
            return int(text)
        if kind is datetime:
            value = datetime.fromisoformat(text)
            return value if value.tzinfo else value.replace(tzinfo=UTC)
    except ValueError:
        what = "an integer" if kind is int else "an ISO 8601 instant"
        raise FeedError(f"`{name}` must be {what}") from None
    return text


def _values(request: Request, name: str) -> list[str]:
    return [v for raw in request.query_params.getlist(name) for v in raw.split(",") if v != ""]


def _filter(request: Request, kind: str) -> Any:
    """The filter input of `kind` made from the query parameters (unknown ones refused)."""
    filter_type = FILTERS[kind]
    hints = typing.get_type_hints(filter_type)
    ranges = {f.name for f in dataclasses.fields(DateTimeRange)}
    given: dict[str, Any] = {}
    for param in dict.fromkeys(request.query_params.keys()):
        if param in ("kind", "limit"):
            continue
        field, _, op = _snake(param).partition(".")
        hint = _inner(hints[field]) if field in hints else None
        if hint is None:
            where = [k for k, t in FILTERS.items() if field in typing.get_type_hints(t)]
            raise FeedError(
                f"`{param}` filters {' and '.join(where)} only: add kind={where[0]}"
                if where
                else f"`{param}` is not a filter of the calendar feed"
            )
        values = _values(request, param)
        if hint is DateTimeRange:
            if op not in ranges or len(values) != 1:
                raise FeedError(
                    f"`{param}`: give one bound as `{field}.gte=...` (gt, gte, lt, lte)"
                )
            bounds = given.setdefault(field, {})
            bounds[op] = _scalar(datetime, param, values[0])
        elif typing.get_origin(hint) is list:
            item = typing.get_args(hint)[0]
            given[field] = [_scalar(item, param, v) for v in values]
        elif op or len(values) != 1:
            raise FeedError(f"`{param}` takes one value")
        else:
            given[field] = _scalar(hint, param, values[0])
    for field, bounds in list(given.items()):
        if isinstance(bounds, dict):
            given[field] = DateTimeRange(**bounds)
    return filter_type(**given)


def _kinds(request: Request) -> list[str]:
    asked = _values(request, "kind") or list(FILTERS)
    unknown = [k for k in asked if k not in FILTERS]
    if unknown:
        raise FeedError(f"`kind` must be one of {', '.join(FILTERS)}, got {unknown[0]!r}")
    return list(dict.fromkeys(asked))


def _limit(request: Request) -> int:
    text = request.query_params.get("limit")
    if text is None:
        return DEFAULT_LIMIT
    limit = _scalar(int, "limit", text)
    if not 1 <= limit <= MAX_LIMIT:
        raise FeedError(f"`limit` must be between 1 and {MAX_LIMIT}")
    return int(limit)


# --- entries ----------------------------------------------------------------------------


def _period(day: date, months: int) -> tuple[date, date]:
    """The calendar period of `months` months (1, 3, 6, 12, 120) holding `day`: [start, end)."""
    if months >= 12:
        years = months // 12
        first = day.year - day.year % years if years > 1 else day.year
        return date(first, 1, 1), date(first + years, 1, 1)
    index = (day.month - 1) // months * months  # 0-based first month of the period
    start = date(day.year, index + 1, 1)
    after = index + months
    return start, date(day.year + after // 12, after % 12 + 1, 1)


def _week(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=7)


def _span(row: CalendarRow) -> tuple[str, Any, Any]:
    """("timed", start, end | None) or ("day" / "period", first day, day after the last)."""
    precision = row.precision_id
    if precision is None:  # 2.0.0 data: only the TBD flags tell
        precision = 7 if row.tbd_date else 5 if row.tbd_time else 0
    day = row.start.astimezone(UTC).date()
    if precision in TIMED:
        return "timed", row.start, _end(row)
    if precision in DAY:
        return "day", day, day + timedelta(days=1)
    if precision == 6:
        return ("period", *_week(day))
    return ("period", *_period(day, _PERIOD_MONTHS.get(precision, 12)))


def _end(row: CalendarRow) -> datetime | None:
    if row.end is not None and row.end > row.start:
        return row.end
    if row.duration:
        try:
            length = vDuration.from_ical(row.duration)
        except ValueError:
            return None
        if isinstance(length, timedelta) and length > timedelta(0):
            return row.start + length
    return None


def _sequence(row: CalendarRow) -> int:
    if row.last_updated is None:
        return 0
    return max(0, int((row.last_updated - SEQUENCE_EPOCH).total_seconds()))


def entry(row: CalendarRow) -> Event:
    """The VEVENT of one launch or event."""
    shape, start, end = _span(row)
    ev = Event()
    ev.add("uid", f"{row.kind}-{row.id}@launchgraph")
    ev.add("dtstamp", row.last_updated or STAMP_FALLBACK)
    ev.add("sequence", _sequence(row))
    if row.last_updated is not None:
        ev.add("last-modified", row.last_updated)
    ev.add("summary", row.name)
    ev.add("dtstart", start)
    if end is not None:
        ev.add("dtend", end)
    tentative = shape == "period"
    ev.add("status", "TENTATIVE" if tentative else "CONFIRMED")
    # A month-long entry must not block a month of the subscriber's time.
    ev.add("transp", "OPAQUE" if shape == "timed" else "TRANSPARENT")
    if row.location:
        ev.add("location", row.location)
    ev.add("categories", ["Launch" if row.kind == "launch" else "Event"])
    label = "NET" if row.kind == "launch" else "Date"
    lines = [f"{label} precision: {row.precision_name or 'unknown'}"]
    if row.status:
        lines.append(("Status: " if row.kind == "launch" else "Type: ") + row.status)
    if row.description:
        lines.append("")
        lines.append(row.description)
    ev.add("description", "\n".join(lines))
    return ev


def render(rows: list[CalendarRow]) -> bytes:
    """The whole feed as iCalendar bytes."""
    cal = Calendar()
    cal.add("prodid", "-//LaunchGraph//Launch calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "LaunchGraph: upcoming launches and events")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for row in rows:
        cal.add_component(entry(row))
    return cal.to_ical()


# --- HTTP -------------------------------------------------------------------------------


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


class CalendarEndpoint:
    """GET /calendar.ics, with an ETag and 304 answers to If-None-Match."""

    def __init__(
        self, engine: AsyncEngine, clock: Callable[[], datetime], settings: Settings
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.settings = settings

    async def handle(self, request: Request) -> Response:
        try:
            kinds = _kinds(request)
            limit = _limit(request)
            wanted = {kind: criteria(as_mapping(_filter(request, kind))) for kind in kinds}
        except UserError as exc:
            body = {"errors": [{"message": exc.message, "extensions": exc.extensions}]}
            return JSONResponse(body, status_code=400)
        since = self.clock() - GRACE
        rows: list[CalendarRow] = []
        async with self.engine.connect() as conn:
            for kind, where in wanted.items():
                rows += await upcoming(conn, kind, where, since, limit)
        rows.sort(key=lambda r: (r.start, r.kind, r.id))
        body = render(rows)
        etag = etag_of(body)
        age = self.settings.cache_max_age
        headers = {"etag": etag, "cache-control": f"max-age={age}" if age > 0 else "no-cache"}
        if etag in _etags(request.headers.get("if-none-match", "")):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=MEDIA_TYPE, headers=headers)
