"""Relations both ways, against the JSON: each object's nested objects and lists as LL2 gave
them (in LL2's order), and each reverse list (an agency's launches, a program's events, a
location's pads ...) as exactly the objects of the JSON that point back, in its order.

Each test loads the sample once and checks every object of a kind, reporting every mismatch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Store
from tests.gql_helpers import (
    LL2,
    SAMPLE,
    Api,
    by_instant,
    fetch_all,
    ids,
    load,
    ordered,
    ref,
)

Row = dict[str, Any]
PAGE_OF_IDS = "(first: 100) { totalCount nodes { ll2Id } }"


def keys(items: list[Row] | None) -> list[Any]:
    return [x["ll2Id"] for x in items or []]


def key(obj: Row | None) -> Any:
    return None if obj is None else obj["ll2Id"]


def page(conn: Row) -> list[Any]:
    """The ids of a whole connection asked with PAGE_OF_IDS (its totalCount must agree)."""
    assert conn["totalCount"] == len(conn["nodes"])
    return keys(conn["nodes"])


def mismatches(
    got: list[Row], want: dict[Any, Row], checks: dict[str, tuple[Callable, Callable]]
) -> dict[str, Any]:
    """{object/check: (GraphQL, JSON)} wherever `got`'s value differs from the JSON's."""
    assert sorted(key(g) for g in got) == sorted(want), "the list holds the JSON's objects"
    out = {}
    for obj in got:
        row = want[obj["ll2Id"]]
        for name, (from_gql, from_json) in checks.items():
            a, b = from_gql(obj), from_json(row)
            if a != b:
                out[f"{obj['ll2Id']}/{name}"] = (a, b)
    return out


def by_date(rows: list[Row]) -> list[Any]:
    return ordered(rows, [(by_instant("date"), True)])


def by_net(rows: list[Row]) -> list[Any]:
    return ordered(rows, [(by_instant("net"), True)])


@pytest.fixture
async def sample(store: Store) -> tuple[Api, LL2]:
    await load(store, SAMPLE)
    return Api(store), LL2.of(SAMPLE)


async def test_event_relations(sample: tuple[Api, LL2]) -> None:
    api, m = sample
    got = await fetch_all(
        api,
        "events",
        "ll2Id type { ll2Id } datePrecision { ll2Id } launches { ll2Id } agencies { ll2Id }"
        " programs { ll2Id } spacestations { ll2Id } expeditions { ll2Id } updates { ll2Id }",
    )
    checks = {
        "type": (lambda g: key(g["type"]), lambda e: ref(e, "type")),
        "datePrecision": (lambda g: key(g["datePrecision"]), lambda e: ref(e, "date_precision")),
        "launches": (lambda g: keys(g["launches"]), lambda e: ids(e["launches"])),
        "agencies": (lambda g: keys(g["agencies"]), lambda e: ids(e["agencies"])),
        "programs": (lambda g: keys(g["programs"]), lambda e: ids(e["program"])),
        "spacestations": (lambda g: keys(g["spacestations"]), lambda e: ids(e["spacestations"])),
        "expeditions": (lambda g: keys(g["expeditions"]), lambda e: ids(e["expeditions"])),
        "updates": (lambda g: keys(g["updates"]), lambda e: ids(e["updates"])),
    }
    assert mismatches(got, m.events, checks) == {}


async def test_launch_relations(sample: tuple[Api, LL2]) -> None:
    api, m = sample
    got = await fetch_all(
        api,
        "launches",
        "ll2Id status { ll2Id } netPrecision { ll2Id } launchServiceProvider { ll2Id }"
        " rocket { ll2Id configuration { ll2Id } } mission { ll2Id orbit { ll2Id }"
        " agencies { ll2Id } } pad { ll2Id location { ll2Id } } programs { ll2Id }"
        " events { ll2Id }",
    )

    def mission(x: Row) -> Row:
        return x.get("mission") or {}

    checks = {
        "status": (lambda g: key(g["status"]), lambda x: ref(x, "status")),
        "netPrecision": (lambda g: key(g["netPrecision"]), lambda x: ref(x, "net_precision")),
        "provider": (
            lambda g: key(g["launchServiceProvider"]),
            lambda x: ref(x, "launch_service_provider"),
        ),
        "rocket": (lambda g: key(g["rocket"]), lambda x: ref(x, "rocket")),
        "configuration": (
            lambda g: key(g["rocket"]["configuration"]),
            lambda x: ref(x, "rocket", "configuration"),
        ),
        "mission": (lambda g: key(g["mission"]), lambda x: ref(x, "mission")),
        "orbit": (lambda g: key(g["mission"]["orbit"]), lambda x: ref(x, "mission", "orbit")),
        "mission agencies": (
            lambda g: keys(g["mission"]["agencies"]),
            lambda x: ids(mission(x).get("agencies")),
        ),
        "pad": (lambda g: key(g["pad"]), lambda x: ref(x, "pad")),
        "location": (lambda g: key(g["pad"]["location"]), lambda x: ref(x, "pad", "location")),
        "programs": (lambda g: keys(g["programs"]), lambda x: ids(x["program"])),
        # The events a launch is in (LL2 lists them the other way round only), by date.
        "events": (
            lambda g: keys(g["events"]),
            lambda x: by_date([m.events[e] for e in m.events_of_launch(x["id"])]),
        ),
    }
    assert mismatches(got, m.launches, checks) == {}


async def test_program_relations(sample: tuple[Api, LL2]) -> None:
    api, m = sample
    got = await fetch_all(
        api,
        "programs",
        "ll2Id type { ll2Id } agencies { ll2Id } missionPatches { ll2Id agency { ll2Id } }"
        f" events{PAGE_OF_IDS} launches{PAGE_OF_IDS}",
    )
    events, launches = list(m.events.values()), list(m.launches.values())

    def patch_agencies(p: Row) -> list[Any]:
        return [ref(x, "agency") for x in p.get("mission_patches") or []]

    checks = {
        "type": (lambda g: key(g["type"]), lambda p: ref(p, "type")),
        "agencies": (lambda g: keys(g["agencies"]), lambda p: ids(p.get("agencies"))),
        "missionPatches": (
            lambda g: keys(g["missionPatches"]),
            lambda p: ids(p.get("mission_patches")),
        ),
        "patch agencies": (
            lambda g: [key(x["agency"]) for x in g["missionPatches"]],
            patch_agencies,
        ),
        "events": (
            lambda g: page(g["events"]),
            lambda p: by_date([e for e in events if p["id"] in ids(e["program"])]),
        ),
        "launches": (
            lambda g: page(g["launches"]),
            lambda p: by_net([x for x in launches if p["id"] in ids(x["program"])]),
        ),
    }
    assert mismatches(got, m.objects["program"], checks) == {}
    assert any(g["missionPatches"] for g in got)


async def test_agency_relations(sample: tuple[Api, LL2]) -> None:
    api, m = sample
    got = await fetch_all(
        api,
        "agencies",
        f"ll2Id launches{PAGE_OF_IDS} programs{PAGE_OF_IDS} events{PAGE_OF_IDS}"
        f" launcherConfigs{PAGE_OF_IDS}",
    )
    events, launches = list(m.events.values()), list(m.launches.values())
    programs = list(m.objects["program"].values())
    configs = list(m.objects["launcher_config"].values())
    checks = {
        "launches": (
            lambda g: page(g["launches"]),
            lambda a: by_net([x for x in launches if ref(x, "launch_service_provider") == a["id"]]),
        ),
        "programs": (
            lambda g: page(g["programs"]),
            lambda a: sorted(p["id"] for p in programs if a["id"] in ids(p.get("agencies"))),
        ),
        "events": (
            lambda g: page(g["events"]),
            lambda a: by_date([e for e in events if a["id"] in ids(e["agencies"])]),
        ),
        "launcherConfigs": (
            lambda g: page(g["launcherConfigs"]),
            lambda a: sorted(c["id"] for c in configs if ref(c, "manufacturer") == a["id"]),
        ),
    }
    assert mismatches(got, m.objects["agency"], checks) == {}


async def test_place_relations(sample: tuple[Api, LL2]) -> None:
    api, m = sample
    launches = list(m.launches.values())
    pads = list(m.objects["pad"].values())

    got = await fetch_all(api, "locations", f"ll2Id pads{PAGE_OF_IDS}")
    checks: dict[str, Any] = {
        "pads": (
            lambda g: page(g["pads"]),
            lambda loc: sorted(p["id"] for p in pads if ref(p, "location") == loc["id"]),
        )
    }
    assert mismatches(got, m.objects["location"], checks) == {}

    got = await fetch_all(api, "pads", f"ll2Id location {{ ll2Id }} launches{PAGE_OF_IDS}")
    checks = {
        "location": (lambda g: key(g["location"]), lambda p: ref(p, "location")),
        "launches": (
            lambda g: page(g["launches"]),
            lambda p: by_net([x for x in launches if ref(x, "pad") == p["id"]]),
        ),
    }
    assert mismatches(got, m.objects["pad"], checks) == {}


async def test_station_relations(sample: tuple[Api, LL2]) -> None:
    api, m = sample
    events = list(m.events.values())
    expeditions = list(m.objects["expedition"].values())

    got = await fetch_all(
        api,
        "spacestations",
        f"ll2Id status {{ ll2Id }} expeditions{PAGE_OF_IDS} events{PAGE_OF_IDS}",
    )
    checks: dict[str, Any] = {
        "status": (lambda g: key(g["status"]), lambda s: ref(s, "status")),
        "expeditions": (
            lambda g: page(g["expeditions"]),
            lambda s: sorted(x["id"] for x in expeditions if ref(x, "spacestation") == s["id"]),
        ),
        "events": (
            lambda g: page(g["events"]),
            lambda s: by_date([e for e in events if s["id"] in ids(e["spacestations"])]),
        ),
    }
    assert mismatches(got, m.objects["spacestation"], checks) == {}

    got = await fetch_all(api, "expeditions", "ll2Id spacestation { ll2Id }")
    checks = {"station": (lambda g: key(g["spacestation"]), lambda x: ref(x, "spacestation"))}
    assert mismatches(got, m.objects["expedition"], checks) == {}


async def test_launcher_config_and_status_relations(sample: tuple[Api, LL2]) -> None:
    api, m = sample
    launches = list(m.launches.values())

    got = await fetch_all(api, "launcherConfigs", f"ll2Id launches{PAGE_OF_IDS}")
    checks: dict[str, Any] = {
        "launches": (
            lambda g: page(g["launches"]),
            lambda c: by_net([x for x in launches if ref(x, "rocket", "configuration") == c["id"]]),
        )
    }
    assert mismatches(got, m.objects["launcher_config"], checks) == {}

    data = await api.data(
        f"{{ launches(first: 100) {{ nodes {{ status {{ ll2Id launches{PAGE_OF_IDS} }} }} }} }}"
    )
    statuses = {s["ll2Id"]: s for s in (x["status"] for x in data["launches"]["nodes"])}
    checks = {
        "launches": (
            lambda g: page(g["launches"]),
            lambda s: by_net([x for x in launches if ref(x, "status") == s["id"]]),
        )
    }
    assert mismatches(list(statuses.values()), m.objects["launch_status"], checks) == {}
