"""GET /calendar.ics: parsed back with the icalendar library; filters mean what they mean on
the GraphQL lists; NET precision is shown honestly; a NET change updates the same entry."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from icalendar import Calendar

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.db.ingest.run import ingest
from launchgraph.settings import Settings
from tests.conftest import Store

NOW = datetime(2025, 6, 1, tzinfo=UTC)


@contextlib.asynccontextmanager
async def served(store: Store, now: datetime = NOW) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Settings(database_url=store.url), engine=store.engine, clock=lambda: now)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def feed(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    """The feed's VEVENTs by UID."""
    response = await client.get("/calendar.ics", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    entries = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    assert len(entries) == len(cal.walk("VEVENT")), "UIDs must be unique"
    return entries


async def graphql_ids(client: httpx.AsyncClient, field: str, filter_: dict[str, Any]) -> set[str]:
    query = f"query($f: {'Launch' if 'Launch' in field else 'Event'}Filter) "
    query += f"{{ {field}(first: 100, filter: $f) {{ nodes {{ ll2Id }} }} }}"
    response = await client.post("/graphql", json={"query": query, "variables": {"f": filter_}})
    body = response.json()
    assert "errors" not in body, body
    return {str(n["ll2Id"]) for n in body["data"][field]["nodes"]}


def uids(kind: str, ids: set[str]) -> set[str]:
    return {f"{kind}-{i}@launchgraph" for i in ids}


@pytest.mark.parametrize(
    ("params", "field", "filter_"),
    [
        ({"kind": "event"}, "upcomingEvents", {}),
        ({"kind": "launch"}, "upcomingLaunches", {}),
        ({"kind": "event", "typeIds": "23,16"}, "upcomingEvents", {"typeIds": [23, 16]}),
        ({"kind": "event", "search": "flyby"}, "upcomingEvents", {"search": "flyby"}),
        ({"kind": "launch", "providerIds": "44"}, "upcomingLaunches", {"providerIds": [44]}),
        ({"kind": "event", "year": "2026"}, "upcomingEvents", {"year": 2026}),
        (
            {"kind": "launch", "net.lt": "2025-12-01T00:00:00Z"},
            "upcomingLaunches",
            {"net": {"lt": "2025-12-01T00:00:00Z"}},
        ),
    ],
)
async def test_filters_select_what_the_graphql_lists_select(
    store: Store, params: dict[str, str], field: str, filter_: dict[str, Any]
) -> None:
    await ingest(store.engine, [sample_path()])
    async with served(store) as client:
        expected = await graphql_ids(client, field, filter_)
        got = set(await feed(client, **params))
    assert expected, "the case must select something"
    assert got == uids(params["kind"], expected)


async def test_both_kinds_by_default(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    async with served(store) as client:
        events = await graphql_ids(client, "upcomingEvents", {})
        launches = await graphql_ids(client, "upcomingLaunches", {})
        got = set(await feed(client, search="a"))
        everything = set(await feed(client))
    assert everything == uids("event", events) | uids("launch", launches)
    assert got and got < everything


async def test_precision_is_shown_honestly(store: Store) -> None:
    await ingest(store.engine, [sample_path()])
    async with served(store) as client:
        entries = await feed(client, kind="event", limit="1000")
    by_name = {str(ev["SUMMARY"]): ev for ev in entries.values()}
    # Month: LL2 says 2026-12-31, meaning "in December 2026".
    month = by_name["Hera Arrival at Didymos"]
    assert month["DTSTART"].dt == date(2026, 12, 1)
    assert month["DTEND"].dt == date(2027, 1, 1)
    assert str(month["STATUS"]) == "TENTATIVE"
    assert str(month["TRANSP"]) == "TRANSPARENT"
    # Year: LL2 says 2027-12-31: the whole year.
    year = by_name["Tianwen-2 Sample Return"]
    assert (year["DTSTART"].dt, year["DTEND"].dt) == (date(2027, 1, 1), date(2028, 1, 1))
    # Day: an all-day entry on that day, no made-up hour.
    day = by_name["Lucy Trojan Asteroid (15094) Polymele Flyby"]
    assert (day["DTSTART"].dt, day["DTEND"].dt) == (date(2027, 9, 15), date(2027, 9, 16))
    assert not isinstance(day["DTSTART"].dt, datetime)
    assert str(day["STATUS"]) == "CONFIRMED"
    # Minute: a timed entry.
    timed = [ev for ev in entries.values() if "precision: Minute" in str(ev["DESCRIPTION"])]
    assert timed
    assert all(isinstance(ev["DTSTART"].dt, datetime) for ev in timed)
    assert all(ev["DTSTART"].dt.tzinfo is not None for ev in timed)


def _launch(net: str, updated: str) -> dict[str, Any]:
    """A standalone LL2 launch (2.2.0 shape) whose NET and revision time we choose."""
    return {
        "id": "0b7a4f10-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
        "url": "https://ll.thespacedevs.com/2.2.0/launch/0b7a4f10-1c2d-4e5f-8a9b-0c1d2e3f4a5b/",
        "slug": "falcon-9-block-5-calendar-test",
        "name": "Falcon 9 Block 5 | Calendar Test",
        "status": {"id": 1, "name": "Go for Launch", "abbrev": "Go"},
        "last_updated": updated,
        "net": net,
        "window_start": net,
        "window_end": net,
        "net_precision": {"id": 1, "name": "Minute", "abbrev": "MIN"},
        "launch_service_provider": {"id": 121, "name": "SpaceX", "type": "Commercial"},
    }


async def _ingest_launch(store: Store, tmp_path: Path, net: str, updated: str) -> None:
    path = tmp_path / f"launch-{updated[:19].replace(':', '')}.json"
    path.write_text(json.dumps(_launch(net, updated)))
    report = await ingest(store.engine, [path])
    assert not report.errors, report.errors


async def test_a_net_change_updates_the_same_entry(store: Store, tmp_path: Path) -> None:
    uid = "launch-0b7a4f10-1c2d-4e5f-8a9b-0c1d2e3f4a5b@launchgraph"
    await _ingest_launch(store, tmp_path, "2025-07-01T12:00:00Z", "2025-05-01T00:00:00Z")
    async with served(store) as client:
        before = (await feed(client, kind="launch"))[uid]
        first = await client.get("/calendar.ics")
        await _ingest_launch(store, tmp_path, "2025-07-03T09:30:00Z", "2025-05-20T08:00:00Z")
        after = (await feed(client, kind="launch"))[uid]
        second = await client.get("/calendar.ics")
        unchanged = await client.get(
            "/calendar.ics", headers={"if-none-match": second.headers["etag"]}
        )
        stale = await client.get("/calendar.ics", headers={"if-none-match": first.headers["etag"]})
    assert before["DTSTART"].dt == datetime(2025, 7, 1, 12, tzinfo=UTC)
    assert after["DTSTART"].dt == datetime(2025, 7, 3, 9, 30, tzinfo=UTC)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after["LAST-MODIFIED"].dt > before["LAST-MODIFIED"].dt
    assert first.headers["etag"] != second.headers["etag"]
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert stale.status_code == 200 and stale.content == second.content


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"colour": "red"}, "`colour` is not a filter"),
        ({"providerIds": "121"}, "add kind=launch"),
        ({"kind": "rocket"}, "`kind` must be one of"),
        ({"kind": "event", "month": "13"}, "`month` must be between 1 and 12"),
        ({"kind": "event", "typeIds": "x"}, "`typeIds` must be an integer"),
        ({"kind": "launch", "net": "2025"}, "one bound as `net.gte=...`"),
        ({"kind": "launch", "net.gte": "soon"}, "must be an ISO 8601 instant"),
        ({"limit": "0"}, "`limit` must be between 1 and 1000"),
    ],
)
async def test_bad_parameters_get_a_clear_error(
    store: Store, params: dict[str, str], says: str
) -> None:
    async with served(store) as client:
        response = await client.get("/calendar.ics", params=params)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert says in error["message"]
    assert error["extensions"]["code"] == "INVALID_ARGUMENT"
