"""Relay pagination: walking a connection forwards (first/after) or backwards (last/before)
visits every row exactly once, in order, with consistent pageInfo, for root lists under
filters and orderings (ties and NULLs included), LL2's upcoming/previous lists under a fixed
clock, and the reverse connections hanging off an object."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Store
from tests.gql_helpers import (
    FIXED_NOW,
    LL2,
    PAGE,
    Api,
    as_page,
    by_instant,
    check_walk,
    connection_query,
    ids,
    instant,
    load,
    ordered,
    ref,
    sample_with_nulls,
    walk,
)

SIZES = [1, 2, 3, 7, 25, 100]


async def sample(store: Store, tmp_path: Path, now: datetime = FIXED_NOW) -> tuple[Api, LL2]:
    path = sample_with_nulls(tmp_path)
    await load(store, path)
    return Api(store, now=now), LL2.of(path)


# Orderings with ties (equal dates, names, stamps) and NULLs, where keyset cursors are hardest.
ORDERS: dict[str, tuple[list[dict[str, str]], list[Any]]] = {
    "date": ([], [(by_instant("date"), True)]),
    "last updated, newest first": (
        [{"field": "LAST_UPDATED", "direction": "DESC"}],
        [(by_instant("last_updated"), False)],
    ),
    "last updated, then name": (
        [{"field": "LAST_UPDATED"}, {"field": "NAME", "direction": "ASC"}],
        [(by_instant("last_updated"), True), (lambda e: e["name"], True)],
    ),
    "name, descending": (
        [{"field": "NAME", "direction": "DESC"}],
        [(lambda e: e["name"], False)],
    ),
}
SINCE_2020 = {"date": {"gte": "2020-01-01T00:00:00Z"}}


@pytest.mark.parametrize("order", list(ORDERS))
async def test_walk_filtered_ordered_events(store: Store, tmp_path: Path, order: str) -> None:
    api, m = await sample(store, tmp_path)
    order_by, keys = ORDERS[order]
    rows = [e for e in m.events.values() if instant(e["date"]) >= instant("2020-01-01T00:00:00Z")]
    expected = ordered(rows, keys)
    assert 30 < len(expected) < len(m.events)
    query = connection_query("events", with_args=["filter", "orderBy"])

    for size in SIZES:
        for backwards in (False, True):
            pages = await walk(
                api, query, ["events"], size, backwards, filter=SINCE_2020, orderBy=order_by
            )
            check_walk(pages, expected, size, backwards)


async def test_cursors_work_in_both_directions(store: Store, tmp_path: Path) -> None:
    """`before` a page's start cursor is the page before it, `after` its end the page after."""
    api, _ = await sample(store, tmp_path)
    query = connection_query("events", with_args=["orderBy"])
    order_by = ORDERS["last updated, then name"][0]
    pages = await walk(api, query, ["events"], 4, orderBy=order_by)

    for previous, page, following in zip(pages, pages[1:], pages[2:], strict=False):
        back = as_page(
            (await api.data(query, last=4, before=page.start, orderBy=order_by))["events"]
        )
        assert back.ids == previous.ids
        assert back.has_previous is (previous is not pages[0])
        assert back.has_next is True
        ahead = as_page(
            (await api.data(query, first=4, after=page.end, orderBy=order_by))["events"]
        )
        assert ahead.ids == following.ids


async def test_windows_between_two_cursors(store: Store, tmp_path: Path) -> None:
    """Relay's algorithm: cut the list at `after` and `before`, then take `first` from the
    start or `last` from the end of what remains."""
    api, m = await sample(store, tmp_path)
    query = connection_query("events", with_args=["orderBy"])
    order_by = ORDERS["last updated, newest first"][0]
    everything = as_page((await api.data(query, first=100, orderBy=order_by))["events"])
    ids, cursor = everything.ids, everything.cursors
    assert ids == ordered(m.events.values(), ORDERS["last updated, newest first"][1])

    async def window(**args: Any) -> list[Any]:
        return as_page((await api.data(query, orderBy=order_by, **args))["events"]).ids

    assert await window(first=3, before=cursor[9]) == ids[:3]
    assert await window(last=3, after=cursor[4]) == ids[-3:]
    assert await window(first=3, after=cursor[1], before=cursor[9]) == ids[2:5]
    assert await window(first=20, after=cursor[1], before=cursor[9]) == ids[2:9]
    assert await window(last=3, after=cursor[1], before=cursor[9]) == ids[6:9]
    assert await window(last=20, after=cursor[1], before=cursor[9]) == ids[2:9]
    assert await window(first=5, after=cursor[9], before=cursor[1]) == []


async def test_empty_and_zero_sized_pages(store: Store, tmp_path: Path) -> None:
    api, m = await sample(store, tmp_path)
    query = connection_query("events", with_args=["filter"])
    nothing = {"search": "no event is called this"}

    for backwards in (False, True):
        check_walk(
            await walk(api, query, ["events"], 5, backwards, filter=nothing), [], 5, backwards
        )

    zero = as_page((await api.data(query, first=0))["events"])
    assert zero.ids == []
    assert zero.total == len(m.events)


# --- LL2's upcoming and previous lists ----------------------------------------------------


def upcoming(m: LL2, now: datetime) -> list[int]:
    rows = [e for e in m.events.values() if instant(e["date"]) >= now - timedelta(days=1)]
    return ordered(rows, [(by_instant("date"), True), (lambda e: e["id"], True)])


def previous(m: LL2, now: datetime) -> list[int]:
    rows = [e for e in m.events.values() if instant(e["date"]) <= now]
    return ordered(rows, [(by_instant("date"), False), (lambda e: e["id"], True)])


@pytest.mark.parametrize(
    "now",
    [FIXED_NOW, datetime(2021, 3, 1, 12, tzinfo=UTC), datetime(2018, 1, 1, tzinfo=UTC)],
    ids=["2026-08-01", "2021-03-01T12", "2018-01-01"],
)
async def test_upcoming_and_previous_follow_the_clock(
    store: Store, tmp_path: Path, now: datetime
) -> None:
    api, m = await sample(store, tmp_path, now=now)
    lists = {"upcomingEvents": upcoming(m, now), "previousEvents": previous(m, now)}

    for root, expected in lists.items():
        query = connection_query(root)
        for size in (3, 10):
            for backwards in (False, True):
                check_walk(
                    await walk(api, query, [root], size, backwards), expected, size, backwards
                )


@pytest.mark.parametrize(
    "now", [datetime(2025, 7, 1, tzinfo=UTC), FIXED_NOW], ids=["2025-07-01", "2026-08-01"]
)
async def test_upcoming_and_previous_launches(store: Store, tmp_path: Path, now: datetime) -> None:
    """The launch lists follow the same rules on NET."""
    api, m = await sample(store, tmp_path, now=now)
    rows = m.launches.values()
    since = [x for x in rows if instant(x["net"]) >= now - timedelta(days=1)]
    until = [x for x in rows if instant(x["net"]) <= now]
    lists = {
        "upcomingLaunches": ordered(since, [(by_instant("net"), True), (lambda x: x["id"], True)]),
        "previousLaunches": ordered(until, [(by_instant("net"), False), (lambda x: x["id"], True)]),
    }

    for root, expected in lists.items():
        query = connection_query(root)
        for backwards in (False, True):
            check_walk(await walk(api, query, [root], 4, backwards), expected, 4, backwards)


async def test_upcoming_keeps_a_day_of_grace(store: Store, tmp_path: Path) -> None:
    """Events 1129 and 1130 are dated exactly one day before FIXED_NOW: in both lists."""
    api, _m = await sample(store, tmp_path)
    data = await api.data(
        "{ upcomingEvents(first: 3) { nodes { ll2Id } }"
        " previousEvents(first: 3) { nodes { ll2Id } } }"
    )
    assert [e["ll2Id"] for e in data["upcomingEvents"]["nodes"]] == [1129, 1130, 1131]
    assert [e["ll2Id"] for e in data["previousEvents"]["nodes"]] == [1129, 1130, 1128]


async def test_upcoming_with_a_filter(store: Store, tmp_path: Path) -> None:
    api, m = await sample(store, tmp_path)
    flt = {"typeIds": [23]}
    expected = [i for i in upcoming(m, FIXED_NOW) if m.events[i]["type"]["id"] == 23]
    assert len(expected) > 4
    query = connection_query("upcomingEvents", with_args=["filter"])

    for backwards in (False, True):
        pages = await walk(api, query, ["upcomingEvents"], 4, backwards, filter=flt)
        check_walk(pages, expected, 4, backwards)


# --- Reverse connections ------------------------------------------------------------------


def nested_query(root: str, id_type: str, field: str) -> str:
    return (
        f"query($id: {id_type}!, $first: Int, $after: String, $last: Int, $before: String) {{"
        f" {root}(ll2Id: $id) {{ {field}(first: $first, after: $after, last: $last,"
        f" before: $before) {{ {PAGE} edges {{ cursor node {{ ll2Id }} }} }} }} }}"
    )


def reverse_cases(m: LL2) -> list[tuple[str, str, int, list[Any]]]:
    """(root field, connection, owner id, expected ids in the connection's order)."""
    launches, events, pads = m.launches.values(), m.events.values(), m.objects["pad"].values()
    return (
        [
            (
                "agency",
                "launches",
                owner,
                ordered(
                    [x for x in launches if ref(x, "launch_service_provider") == owner],
                    [(by_instant("net"), True)],
                ),
            )
            for owner in (121, 44, 37)
        ]
        + [
            (
                "program",
                "events",
                owner,
                ordered(
                    [e for e in events if owner in ids(e.get("program"))],
                    [(by_instant("date"), True)],
                ),
            )
            for owner in (17, 15)
        ]
        + [
            (
                "location",
                "pads",
                owner,
                sorted(p["id"] for p in pads if ref(p, "location") == owner),
            )
            for owner in (12, 27, 26)
        ]
    )


async def test_reverse_connections(store: Store, tmp_path: Path) -> None:
    api, m = await sample(store, tmp_path)
    cases = reverse_cases(m)
    assert max(len(expected) for *_, expected in cases) > 10

    for root, field, owner, expected in cases:
        query = nested_query(root, "ID", field)
        for size in (1, 2, 5):
            for backwards in (False, True):
                pages = await walk(api, query, [root, field], size, backwards, id=owner)
                check_walk(pages, expected, size, backwards)


async def test_reverse_connections_of_many_owners_in_one_request(
    store: Store, tmp_path: Path
) -> None:
    """One page per owner, each from its own start, then each owner's next page."""
    api, m = await sample(store, tmp_path)
    expected = {
        owner: ordered(
            [x for x in m.launches.values() if ref(x, "launch_service_provider") == owner],
            [(by_instant("net"), True)],
        )
        for owner in (44, 88, 115, 121, 124)
    }
    query = (
        "query($after: String) { agencies(filter: {ids: [44, 88, 115, 121, 124]}) { nodes {"
        f" ll2Id launches(first: 2, after: $after) {{ {PAGE} edges {{ cursor node {{ ll2Id }} }}"
        " } } } }"
    )

    firsts = (await api.data(query))["agencies"]["nodes"]

    assert [a["ll2Id"] for a in firsts] == sorted(expected)
    for agency in firsts:
        page = as_page(agency["launches"])
        want = expected[agency["ll2Id"]]
        assert (page.ids, page.total, page.has_next) == (want[:2], len(want), len(want) > 2)
        if page.end:
            nxt = (await api.data(query, after=page.end))["agencies"]["nodes"]
            mine = next(a for a in nxt if a["ll2Id"] == agency["ll2Id"])
            assert as_page(mine["launches"]).ids == want[2:4]
