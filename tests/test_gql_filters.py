"""Filters and orderings of the root lists, each checked against the same filter computed in
Python straight from the LL2 JSON files (gql_helpers.LL2), never from the database.

Filter values are picked from the data (the most common type, the median date ...), so the
same cases run on the sample dataset and on the real LL2 payloads; every single-filter case
must select some but not all rows, so a filter that is ignored fails.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import Store, need_real
from tests.gql_helpers import (
    LL2,
    SAMPLE,
    Api,
    by_instant,
    fetch_all,
    ids,
    instant,
    load,
    ordered,
    ref,
    sample_with_nulls,
)

Row = dict[str, Any]
Predicate = Callable[[Row, Any], bool]


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


_OPS = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}


def in_range(value: datetime | None, bounds: dict[str, str]) -> bool:
    """An instant against a DateTimeRange input; NULL matches no range."""
    return value is not None and all(_OPS[op](value, instant(b)) for op, b in bounds.items())


def meets(*lists: list[Any]) -> Callable[[list[Any]], bool]:
    return lambda wanted: bool(set().union(*lists) & set(wanted))


def matching(rows: dict[Any, Row], predicates: dict[str, Predicate], flt: dict) -> list[Row]:
    return [r for r in rows.values() if all(predicates[k](r, v) for k, v in flt.items())]


def most_common(values: list[Any]) -> list[Any]:
    return [v for v, _ in Counter(v for v in values if v is not None).most_common()]


# --- Datasets -----------------------------------------------------------------------------


async def dataset(name: str, store: Store, tmp_path: Path) -> tuple[Api, LL2]:
    """The API over one dataset, and the Python model of the same files."""
    paths = [sample_with_nulls(tmp_path)] if name == "sample" else [need_real() / "events.jsonl"]
    await load(store, *paths)
    return Api(store), LL2.of(*paths)


DATASETS = ["sample", "real"]


# --- Events -------------------------------------------------------------------------------


def event_predicates(m: LL2) -> dict[str, Predicate]:
    def date_part(part: str) -> Predicate:
        return lambda e, v: getattr(instant(e["date"]), part) == v

    return {
        "ids": lambda e, v: e["id"] in v,
        "typeIds": lambda e, v: ref(e, "type") in v,
        "typeName": lambda e, v: (
            m.objects["event_type"][e["type"]["id"]]["name"].lower() == v.lower()
        ),
        "programIds": lambda e, v: meets(ids(e.get("program")))(v),
        "agencyIds": lambda e, v: meets(ids(e.get("agencies")))(v),
        "launchIds": lambda e, v: meets(ids(e.get("launches")))(v),
        "spacestationIds": lambda e, v: meets(ids(e.get("spacestations")))(v),
        "lastUpdated": lambda e, v: in_range(instant(e.get("last_updated")), v),
        "date": lambda e, v: in_range(instant(e["date"]), v),
        "year": date_part("year"),
        "month": date_part("month"),
        "day": date_part("day"),
        "slug": lambda e, v: e["slug"] == v,
        "videoUrl": lambda e, v: e.get("video_url") == v,
        "search": lambda e, v: v.lower() in e["name"].lower(),
    }


def event_cases(m: LL2) -> dict[str, dict[str, Any] | None]:
    """Filter inputs by case name; None where the dataset has nothing to filter on."""
    evs = sorted(m.events.values(), key=lambda e: e["id"])
    dates = sorted(instant(e["date"]) for e in evs)
    q1, mid = dates[len(dates) // 4], dates[len(dates) // 2]
    stamps = sorted(t for e in evs if (t := instant(e.get("last_updated"))))
    types = most_common([ref(e, "type") for e in evs])
    named = next(t for t in types if m.consistent("event_type", t, "name"))
    programs = most_common([p for e in evs for p in ids(e.get("program"))])
    agencies = most_common([a for e in evs for a in ids(e.get("agencies"))])
    launches = most_common([x for e in evs for x in ids(e.get("launches"))])
    stations = most_common([s for e in evs for s in ids(e.get("spacestations"))])
    video = most_common([e.get("video_url") for e in evs])
    some = evs[len(evs) // 3]
    word = max(some["name"].split(), key=len).lower()
    return {
        "ids": {"ids": [evs[0]["id"], some["id"], evs[-1]["id"], 99999999]},
        "typeIds": {"typeIds": types[:2]},
        "typeName": {"typeName": m.objects["event_type"][named]["name"].upper()},
        "programIds": {"programIds": programs[-2:]} if programs else None,
        "agencyIds": {"agencyIds": agencies[1:3]} if agencies else None,
        "launchIds": {"launchIds": launches[:3]} if launches else None,
        "spacestationIds": {"spacestationIds": stations[-1:]} if stations else None,
        "lastUpdated gte": {"lastUpdated": {"gte": iso(stamps[len(stamps) // 2])}}
        if stamps
        else None,
        "lastUpdated lte": {"lastUpdated": {"lte": iso(stamps[len(stamps) // 3])}}
        if stamps
        else None,
        "date gt": {"date": {"gt": iso(mid)}},
        "date gte": {"date": {"gte": iso(mid)}},
        "date lt": {"date": {"lt": iso(mid)}},
        "date lte": {"date": {"lte": iso(mid)}},
        "date between": {"date": {"gte": iso(q1), "lt": iso(mid)}},
        "year": {"year": mid.year},
        "month": {"month": mid.month},
        "day": {"day": mid.day},
        "slug": {"slug": some["slug"]},
        "videoUrl": {"videoUrl": video[0]} if video else None,
        "search": {"search": word.upper()},
        "typeIds + date": {"typeIds": types[:3], "date": {"gte": iso(q1)}},
        "year + month": {"year": mid.year, "month": mid.month},
        "programIds + search": {"programIds": programs[:2], "search": "a"} if programs else None,
        "agencyIds + typeIds + lastUpdated": {
            "agencyIds": agencies[:2],
            "typeIds": types[:4],
            "lastUpdated": {"lte": iso(stamps[-1])},
        }
        if agencies and stamps
        else None,
        "ids + typeName": {
            "ids": [e["id"] for e in evs[::2]],
            "typeName": m.objects["event_type"][named]["name"].lower(),
        },
        "nothing matches": {"slug": some["slug"], "date": {"lt": iso(dates[0])}},
        "nothing matches: no ids": {"ids": []},
        "nothing matches: no programs": {"programIds": []},
        "nothing matches: empty range": {"date": {"gt": iso(mid), "lt": iso(q1)}},
        "nothing matches: a wildcard is no wildcard": {"search": "%"},
        "nothing matches: typeName wildcard": {
            "typeName": m.objects["event_type"][named]["name"][:-1] + "_"
        },
    }


@pytest.mark.parametrize("data", DATASETS)
async def test_event_filters(store: Store, tmp_path: Path, data: str) -> None:
    api, m = await dataset(data, store, tmp_path)
    predicates = event_predicates(m)
    cases = {name: flt for name, flt in event_cases(m).items() if flt is not None}
    assert len(cases) >= 20

    failures = {}
    for case, flt in cases.items():
        rows = matching(m.events, predicates, flt)
        expected = ordered(rows, [(by_instant("date"), True)])
        got = [e["ll2Id"] for e in await fetch_all(api, "events", filter=flt)]
        if got != expected:
            failures[case] = {"filter": flt, "expected": expected, "got": got}
        elif not discriminates(case, flt, expected, len(m.events)):
            failures[case] = {"filter": flt, "matches": len(expected), "of": len(m.events)}

    assert failures == {}


def discriminates(case: str, flt: dict[str, Any], matched: list[Any], total: int) -> bool:
    """Whether a case tells a working filter from an ignored one: a single filter must keep
    some rows and drop others; the 'nothing matches' case must keep none."""
    if case.startswith("nothing matches"):
        return matched == []
    return 0 < len(matched) < total or len(flt) > 1


async def test_event_date_bounds_are_instants(store: Store, tmp_path: Path) -> None:
    """gt/gte/lt/lte at the exact date of two sample events, and a bound in another zone."""
    api, _ = await dataset("sample", store, tmp_path)
    at = "2026-07-31T00:00:00Z"  # events 1129 and 1130

    async def dated(bounds: dict[str, str]) -> set[int]:
        return {e["ll2Id"] for e in await fetch_all(api, "events", filter={"date": bounds})}

    assert {1129, 1130} <= await dated({"gte": at})
    assert {1129, 1130} <= await dated({"lte": at})
    assert not {1129, 1130} & await dated({"gt": at})
    assert not {1129, 1130} & await dated({"lt": at})
    assert await dated({"gte": at, "lte": at}) == {1129, 1130}
    assert await dated({"gte": "2026-07-31T02:00:00+02:00", "lte": at}) == {1129, 1130}


async def test_date_parts_are_utc_whatever_the_server_zone(store: Store, tmp_path: Path) -> None:
    """year/month/day and returned timestamps are UTC even where the database's own time zone
    is not (here UTC+14, where 23:06 UTC is already the next day)."""
    if store.backend == "postgresql":
        async with store.engine.connect() as conn:
            name = conn.engine.url.database
            await conn.execute(text(f"ALTER DATABASE \"{name}\" SET timezone TO 'Etc/GMT-14'"))
            await conn.commit()
        await store.engine.dispose()
    api, m = await dataset("sample", store, tmp_path)
    assert m.events[1127]["date"] == "2026-04-06T23:06:00Z"

    for flt in ({"year": 2026, "month": 4, "day": 6}, {"day": 6}, {"month": 4}):
        expected = ordered(
            matching(m.events, event_predicates(m), flt), [(by_instant("date"), True)]
        )
        got = await fetch_all(api, "events", "ll2Id date", filter=flt)
        assert [e["ll2Id"] for e in got] == expected
        for e in got:
            assert instant(e["date"]) == instant(m.events[e["ll2Id"]]["date"])
            assert instant(e["date"]).utcoffset() == timedelta(0), "served in UTC"
    assert 1127 in expected


EVENT_ORDERS: dict[str, list[tuple[str, str]]] = {
    "DATE ASC": [("DATE", "ASC")],
    "DATE DESC": [("DATE", "DESC")],
    "LAST_UPDATED ASC": [("LAST_UPDATED", "ASC")],
    "LAST_UPDATED DESC": [("LAST_UPDATED", "DESC")],
    "NAME ASC": [("NAME", "ASC")],
    "NAME DESC": [("NAME", "DESC")],
    "ID ASC": [("ID", "ASC")],
    "ID DESC": [("ID", "DESC")],
    "LAST_UPDATED DESC, NAME ASC": [("LAST_UPDATED", "DESC"), ("NAME", "ASC")],
    "DATE ASC, ID DESC": [("DATE", "ASC"), ("ID", "DESC")],
}
# NAME sorts by code point, as SQLite does and PostgreSQL under the C collation its test
# databases are made with (another collation would order punctuation and case differently).
EVENT_SORT_KEYS = {
    "DATE": by_instant("date"),
    "LAST_UPDATED": by_instant("last_updated"),
    "NAME": lambda e: e["name"],
    "ID": lambda e: e["id"],
}


@pytest.mark.parametrize("data", DATASETS)
async def test_event_orders(store: Store, tmp_path: Path, data: str) -> None:
    """Each ordering, with NULL last_updated (API 2.0.0 events) as the greatest value."""
    api, m = await dataset(data, store, tmp_path)

    failures = {}
    for order, components in EVENT_ORDERS.items():
        keys = [(EVENT_SORT_KEYS[f], d == "ASC") for f, d in components]
        expected = ordered(m.events.values(), keys)
        order_by = [{"field": f, "direction": d} for f, d in components]
        got = [e["ll2Id"] for e in await fetch_all(api, "events", orderBy=order_by)]
        if got != expected:
            failures[order] = {"expected": expected, "got": got}

    assert failures == {}


async def test_event_order_with_filter(store: Store, tmp_path: Path) -> None:
    api, m = await dataset("sample", store, tmp_path)
    flt = {"typeIds": [2, 23, 9]}
    rows = matching(m.events, event_predicates(m), flt)
    expected = ordered(rows, [(by_instant("last_updated"), False)])
    assert any(e["last_updated"] is None for e in rows)

    order_by = [{"field": "LAST_UPDATED", "direction": "DESC"}]
    got = await fetch_all(api, "events", filter=flt, orderBy=order_by)

    assert [e["ll2Id"] for e in got] == expected


# --- Launches -----------------------------------------------------------------------------


def orbit_name(launch: Row) -> str | None:
    return ((launch.get("mission") or {}).get("orbit") or {}).get("name")


def launch_predicates(m: LL2) -> dict[str, Predicate]:
    def net_part(part: str) -> Predicate:
        return lambda x, v: getattr(instant(x["net"]), part) == v

    def searched(x: Row) -> list[str]:
        provider = m.objects["agency"].get(ref(x, "launch_service_provider"), {})
        config = (x.get("rocket") or {}).get("configuration") or {}
        texts = [
            x["name"],
            (x.get("mission") or {}).get("name"),
            provider.get("name"),
            provider.get("abbrev"),
            config.get("name"),
            config.get("full_name"),
        ]
        return [t.lower() for t in texts if t]

    return {
        "ids": lambda x, v: x["id"] in v,
        "name": lambda x, v: x["name"] == v,
        "slug": lambda x, v: x["slug"] == v,
        "statusIds": lambda x, v: ref(x, "status") in v,
        "providerIds": lambda x, v: ref(x, "launch_service_provider") in v,
        "providerName": lambda x, v: x["launch_service_provider"]["name"].lower() == v.lower(),
        "configurationIds": lambda x, v: ref(x, "rocket", "configuration") in v,
        "padIds": lambda x, v: ref(x, "pad") in v,
        "locationIds": lambda x, v: ref(x, "pad", "location") in v,
        "missionAgencyIds": lambda x, v: meets(ids((x.get("mission") or {}).get("agencies")))(v),
        "orbitName": lambda x, v: orbit_name(x) == v,
        "orbitNameContains": lambda x, v: v.lower() in (orbit_name(x) or "").lower(),
        "programIds": lambda x, v: meets(ids(x.get("program")))(v),
        "eventIds": lambda x, v: meets(m.events_of_launch(x["id"]))(v),
        "net": lambda x, v: in_range(instant(x["net"]), v),
        "lastUpdated": lambda x, v: in_range(instant(x.get("last_updated")), v),
        "year": net_part("year"),
        "month": net_part("month"),
        "day": net_part("day"),
        "search": lambda x, v: any(v.lower() in t for t in searched(x)),
    }


SAMPLE_LAUNCHES = LL2.of(SAMPLE).launches
NETS = sorted(instant(x["net"]) for x in SAMPLE_LAUNCHES.values())
MID_NET = NETS[len(NETS) // 2]

LAUNCH_CASES: dict[str, dict[str, Any]] = {
    "ids": {"ids": sorted(SAMPLE_LAUNCHES)[:3]},
    "name": {"name": "Falcon 9 Block 5 | Crew-11"},
    "slug": {"slug": "falcon-9-block-5-crew-11"},
    "statusIds": {"statusIds": [3]},
    "providerIds": {"providerIds": [121]},
    "providerName": {"providerName": "spacex"},
    "configurationIds": {"configurationIds": [164]},
    "padIds": {"padIds": [87]},
    "locationIds": {"locationIds": [12]},
    "missionAgencyIds": {"missionAgencyIds": [44]},
    "orbitName": {"orbitName": "Low Earth Orbit"},
    "orbitNameContains": {"orbitNameContains": "ORBIT"},
    "programIds": {"programIds": [17]},
    "eventIds": {"eventIds": [187, 1138]},
    "net gte": {"net": {"gte": iso(MID_NET)}},
    "net lt": {"net": {"lt": iso(MID_NET)}},
    "net between": {"net": {"gt": "2020-01-01T00:00:00Z", "lte": "2025-06-25T06:31:00Z"}},
    "lastUpdated gte": {"lastUpdated": {"gte": "2025-09-01T00:00:00Z"}},
    "year": {"year": 2025},
    "month": {"month": 7},
    "day": {"day": 25},
    "search by name": {"search": "CREW"},
    "search by mission": {"search": "perseverance"},
    "search by provider abbrev": {"search": "SpX"},
    "search by rocket": {"search": "long march"},
    "providerIds + net": {"providerIds": [121], "net": {"gte": "2022-01-01T00:00:00Z"}},
    "programIds + statusIds": {"programIds": [17], "statusIds": [3]},
    "locationIds + search": {"locationIds": [12, 27], "search": "dragon"},
    "year + month + day": {"year": 2025, "month": 6, "day": 25},
}


async def test_launch_filters(store: Store, tmp_path: Path) -> None:
    api, m = await dataset("sample", store, tmp_path)
    predicates = launch_predicates(m)

    failures = {}
    for case, flt in LAUNCH_CASES.items():
        rows = matching(m.launches, predicates, flt)
        expected = ordered(rows, [(by_instant("net"), True)])
        got = [x["ll2Id"] for x in await fetch_all(api, "launches", filter=flt)]
        if got != expected:
            failures[case] = {"filter": flt, "expected": expected, "got": got}
        elif not 0 < len(expected) < len(m.launches):
            failures[case] = {"filter": flt, "matches": len(expected), "of": len(m.launches)}

    assert failures == {}


LAUNCH_SORT_KEYS = {
    "NET": by_instant("net"),
    "LAST_UPDATED": by_instant("last_updated"),
    "NAME": lambda x: x["name"],
    "ID": lambda x: x["id"],
}


async def test_launch_orders(store: Store, tmp_path: Path) -> None:
    api, m = await dataset("sample", store, tmp_path)

    failures = {}
    for field, key in LAUNCH_SORT_KEYS.items():
        for direction in ("ASC", "DESC"):
            expected = ordered(m.launches.values(), [(key, direction == "ASC")])
            order_by = [{"field": field, "direction": direction}]
            got = [x["ll2Id"] for x in await fetch_all(api, "launches", orderBy=order_by)]
            if got != expected:
                failures[f"{field} {direction}"] = {"expected": expected, "got": got}

    assert failures == {}


# --- Agencies, programs, pads, locations --------------------------------------------------


def catalog_predicates(m: LL2) -> dict[str, dict[str, Predicate]]:
    def iequal(key: str) -> Predicate:
        return lambda r, v: (r.get(key) or "").lower() == v.lower()

    def search(*keys: str) -> Predicate:
        return lambda r, v: any(v.lower() in (r.get(k) or "").lower() for k in keys)

    def location_country(pad: Row) -> str | None:
        return m.objects["location"].get(ref(pad, "location"), {}).get("country_code")

    return {
        "agency": {
            "ids": lambda r, v: r["id"] in v,
            "name": iequal("name"),
            "type": iequal("type"),
            "countryCode": lambda r, v: r.get("country_code") == v,
            "featured": lambda r, v: r.get("featured") is v,
            "abbrev": lambda r, v: r.get("abbrev") == v,
            "search": search("name", "abbrev"),
        },
        "program": {
            "name": iequal("name"),
            "typeIds": lambda r, v: ref(r, "type") in v,
            "agencyIds": lambda r, v: meets(ids(r.get("agencies")))(v),
            "startDate": lambda r, v: in_range(instant(r.get("start_date")), v),
            "search": search("name"),
        },
        "pad": {
            "locationIds": lambda r, v: ref(r, "location") in v,
            "agencyIds": lambda r, v: r.get("agency_id") in v,
            "countryCode": lambda r, v: v in (r.get("country_code"), location_country(r)),
            "search": search("name"),
        },
        "location": {
            "countryCode": lambda r, v: r.get("country_code") == v,
            "name": iequal("name"),
            "search": search("name"),
        },
    }


CATALOG_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("agency", "agencies", {"type": "government"}),
    ("agency", "agencies", {"countryCode": "USA"}),
    ("agency", "agencies", {"featured": True}),
    ("agency", "agencies", {"search": "SPACE"}),
    ("agency", "agencies", {"search": "spx"}),
    ("agency", "agencies", {"name": "spacex"}),
    ("agency", "agencies", {"abbrev": "NASA"}),
    ("agency", "agencies", {"ids": [44, 121, 9999], "type": "Commercial"}),
    ("program", "programs", {"agencyIds": [44]}),
    ("program", "programs", {"typeIds": [7]}),
    ("program", "programs", {"search": "station"}),
    ("program", "programs", {"startDate": {"gte": "2010-01-01T00:00:00Z"}}),
    ("program", "programs", {"name": "ARTEMIS", "agencyIds": [44]}),
    ("pad", "pads", {"locationIds": [12, 27]}),
    ("pad", "pads", {"countryCode": "USA"}),
    ("pad", "pads", {"search": "complex"}),
    ("pad", "pads", {"agencyIds": [121]}),
    ("location", "locations", {"countryCode": "USA"}),
    ("location", "locations", {"search": "center"}),
    ("location", "locations", {"name": "cape canaveral sfs, fl, usa"}),
]


async def test_catalog_filters(store: Store, tmp_path: Path) -> None:
    api, m = await dataset("sample", store, tmp_path)
    predicates = catalog_predicates(m)

    failures = {}
    for kind, root, flt in CATALOG_CASES:
        rows = matching(m.objects[kind], predicates[kind], flt)
        expected = sorted(r["id"] for r in rows)  # by id, the default order
        got = [r["ll2Id"] for r in await fetch_all(api, root, filter=flt)]
        case = f"{root} {flt}"
        if got != expected:
            failures[case] = {"expected": expected, "got": got}
        elif not 0 < len(expected) < len(m.objects[kind]):
            failures[case] = {"matches": len(expected), "of": len(m.objects[kind])}

    assert failures == {}


CATALOG_KINDS = {
    "agencies": "agency",
    "programs": "program",
    "pads": "pad",
    "locations": "location",
}


async def test_catalog_orders(store: Store, tmp_path: Path) -> None:
    api, m = await dataset("sample", store, tmp_path)

    failures = {}
    for root, kind in CATALOG_KINDS.items():
        for field, key in (("NAME", lambda r: r["name"]), ("ID", lambda r: r["id"])):
            for direction in ("ASC", "DESC"):
                expected = ordered(m.objects[kind].values(), [(key, direction == "ASC")])
                order_by = [{"field": field, "direction": direction}]
                got = [r["ll2Id"] for r in await fetch_all(api, root, orderBy=order_by)]
                if got != expected:
                    failures[f"{root} {field} {direction}"] = {"expected": expected, "got": got}

    assert failures == {}
