"""LL2 payloads in, the same data out: every field LL2 sent comes back through GraphQL over HTTP.

The selection of each query is built from the payload itself (every key it holds, mapped to
its GraphQL name), and `ll2_differences` walks the payload key by key, so a key the schema
lost, renamed or mangled fails here unless it is listed in gql_helpers.NOT_EXPOSED.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import Store, need_seeds
from tests.gql_helpers import (
    SAMPLE,
    Api,
    fetch_all,
    ll2_differences,
    load,
    read_ll2,
    selection_for,
)

# Before every event of the 2.0.0 upcoming page, so the whole page is upcoming.
BEFORE_THE_PAGE = datetime(2020, 6, 1, tzinfo=UTC)


async def test_upcoming_page_of_api_2_0_0(store: Store) -> None:
    page = need_seeds() / "event-upcoming-2.0.0-offset10.json"
    await load(store, page)
    events = read_ll2(page)
    api = Api(store, now=BEFORE_THE_PAGE)

    query = (
        "{ upcomingEvents(first: 10) { totalCount nodes { "
        f"{selection_for('Event', events)} }} }} }}"
    )
    got = (await api.data(query))["upcomingEvents"]

    assert [e["ll2Id"] for e in got["nodes"]] == [e["id"] for e in events]  # LL2's order
    assert got["totalCount"] == len(events)
    assert ll2_differences(events, got["nodes"], "Event") == []


async def test_event_detail_of_api_2_2_0(store: Store) -> None:
    detail = need_seeds() / "event-352-2.2.0.json"
    await load(store, detail)
    [event] = read_ll2(detail)
    api = Api(store)

    query = f"{{ event(ll2Id: 352) {{ {selection_for('Event', [event])} }} }}"
    got = (await api.data(query))["event"]

    assert ll2_differences(event, got, "Event") == []


async def test_whole_sample_dataset(store: Store) -> None:
    await load(store, SAMPLE)
    events = read_ll2(SAMPLE)
    api = Api(store)

    got = await fetch_all(api, "events", selection_for("Event", events), orderBy=[{"field": "ID"}])

    assert ll2_differences(sorted(events, key=lambda e: e["id"]), got, "Event") == []


def test_the_comparer_sees_differences() -> None:
    """The comparer itself: a changed, missing or reordered value is reported."""
    want = {
        "id": 1,
        "date": "2025-01-01T00:00:00Z",
        "program": [{"id": 2}, {"id": 3}],
        "info_urls": [{"type": {"id": 1, "name": "Official"}, "url": "u"}],
        "launches": [{"id": "a", "pad": {"id": 9, "latitude": "28.5"}}],
    }
    same = {
        "ll2Id": 1,
        "date": "2025-01-01T00:00:00+00:00",
        "programs": [{"ll2Id": 2}, {"ll2Id": 3}],
        "infoUrls": [{"typeName": "Official", "typeId": 1, "url": "u"}],
        "launches": [{"ll2Id": "a", "pad": {"ll2Id": 9, "latitude": 28.5}}],
    }
    assert ll2_differences(want, same, "Event") == []

    later = {**same, "date": "2025-01-01T00:00:01+00:00"}
    swapped = {**same, "programs": [{"ll2Id": 3}, {"ll2Id": 2}]}
    lost = {k: v for k, v in same.items() if k != "infoUrls"}
    moved = {**same, "launches": [{"ll2Id": "a", "pad": {"ll2Id": 9, "latitude": 28.6}}]}
    for wrong in (later, swapped, lost, moved):
        assert ll2_differences(want, wrong, "Event") != []

    unknown = {**want, "not_in_schema": 1}
    assert any("not_in_schema" in d for d in ll2_differences(unknown, same, "Event"))
