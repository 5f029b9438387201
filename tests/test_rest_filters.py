"""Every LL2 filter of the REST lists against its GraphQL equivalent: the same rows in the
same order (both read db.queries.listings, so a difference is a mapping error)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from launchgraph.cli import sample_path
from tests.conftest import Store
from tests.gql_helpers import Api, load, read_ll2, write_page

EVENTS = [
    ("type=2", "{typeIds: [2]}", None),
    ("type__ids=2,9", "{typeIds: [2, 9]}", None),
    ("program=17", "{programIds: [17]}", None),
    ("agency__ids=121,37", "{agencyIds: [121, 37]}", None),
    ("id=1101,1102,38", "{ids: [1101, 1102, 38]}", None),
    (
        "slug=crew-dragon-demo-2-endeavour-splashdown",
        '{slug: "crew-dragon-demo-2-endeavour-splashdown"}',
        None,
    ),
    (
        "video_url=https://www.youtube.com/watch?v=aT4rITutAwA",
        '{videoUrl: "https://www.youtube.com/watch?v=aT4rITutAwA"}',
        None,
    ),
    (
        "date__gte=2021-01-01T00:00:00Z&date__lt=2026-01-01",
        '{date: {gte: "2021-01-01T00:00:00Z", lt: "2026-01-01T00:00:00Z"}}',
        None,
    ),
    (
        "date__gt=2025-06-01T00:00:00%2B00:00&date__lte=2027-01-01T00:00:00Z",
        '{date: {gt: "2025-06-01T00:00:00Z", lte: "2027-01-01T00:00:00Z"}}',
        None,
    ),
    (
        "last_updated__gte=2021-01-01T00:00:00Z&last_updated__lte=2025-01-01T00:00:00Z",
        '{lastUpdated: {gte: "2021-01-01T00:00:00Z", lte: "2025-01-01T00:00:00Z"}}',
        None,
    ),
    ("year=2025", "{year: 2025}", None),
    ("year=2025&month=3", "{year: 2025, month: 3}", None),
    ("day=1", "{day: 1}", None),
    ("search=DOCK", '{search: "dock"}', None),
    ("ordering=-date", "{}", "[{field: DATE, direction: DESC}]"),
    (
        "ordering=-last_updated,name",
        "{}",
        "[{field: LAST_UPDATED, direction: DESC}, {field: NAME}]",
    ),
    ("type=2&ordering=name", "{typeIds: [2]}", "[{field: NAME}]"),
]

LAUNCHES = [
    ("lsp__id=121", "{providerIds: [121]}", None),
    ("lsp__name=spacex", '{providerName: "SpaceX"}', None),
    ("pad=87", "{padIds: [87]}", None),
    ("pad__location=12", "{locationIds: [12]}", None),
    ("location__ids=12,27", "{locationIds: [12, 27]}", None),
    ("status=2", "{statusIds: [2]}", None),
    ("launcher_config__id=164", "{configurationIds: [164]}", None),
    ("mission__agency__ids=37", "{missionAgencyIds: [37]}", None),
    ("program=17", "{programIds: [17]}", None),
    ("include_suborbital=false", "{suborbital: false}", None),
    ("include_suborbital=true", "{}", None),
    (
        "net__gte=2020-01-01T00:00:00Z&net__lt=2025-01-01T00:00:00Z",
        '{net: {gte: "2020-01-01T00:00:00Z", lt: "2025-01-01T00:00:00Z"}}',
        None,
    ),
    (
        "last_updated__gte=2022-01-01T00:00:00Z",
        '{lastUpdated: {gte: "2022-01-01T00:00:00Z"}}',
        None,
    ),
    ("year=2025&month=5", "{year: 2025, month: 5}", None),
    ("search=falcon", '{search: "falcon"}', None),
    ("ordering=-net", "{}", "[{field: NET, direction: DESC}]"),
]


async def rest_ids(api: Api, path: str, query: str) -> list[Any]:
    resp = await api.get(f"/2.2.0/{path}/?limit=100&{query}")
    assert resp.status_code == 200, resp.text
    page = resp.json()
    assert page["count"] == len(page["results"])
    return [row["id"] for row in page["results"]]


async def graphql_ids(api: Api, root: str, where: str, order: str | None) -> list[Any]:
    args = f"first: 100, filter: {where}" + (f", orderBy: {order}" if order else "")
    data = await api.data(f"{{ {root}({args}) {{ nodes {{ ll2Id }} }} }}")
    return [node["ll2Id"] for node in data[root]["nodes"]]


@pytest.mark.parametrize(
    "path,root,cases", [("event", "events", EVENTS), ("launch", "launches", LAUNCHES)]
)
async def test_each_filter_matches_graphql(
    store: Store, path: str, root: str, cases: list[tuple[str, str, str | None]]
) -> None:
    await load(store, sample_path())
    api = Api(store)
    everything = await rest_ids(api, path, "")
    for query, where, order in cases:
        got = await rest_ids(api, path, query)
        assert got == await graphql_ids(api, root, where, order), query
        # Each case narrows or reorders the list: it is a real test of the mapping.
        assert got and (got != everything or "include_suborbital=true" in query), query


async def test_day_month_year_lists_of_2_3_0(store: Store) -> None:
    """API 2.3.0 reads day, month and year as comma-separated lists (any of them); 2.2.0 as
    one number. A bad value answers LL2's 400 naming the parameter."""
    await load(store, sample_path())
    api = Api(store)
    for path, column in [("events", "date"), ("launches", "net")]:
        resp = await api.get(f"/2.3.0/{path}/?limit=100&mode=list")
        every = resp.json()["results"]

        async def ids(query: str, path: str = path) -> list[Any]:
            resp = await api.get(f"/2.3.0/{path}/?limit=100&mode=list&{query}")
            assert resp.status_code == 200, resp.text
            return [row["id"] for row in resp.json()["results"]]

        for query, part, values in [
            ("day=1,15,28", slice(8, 10), {1, 15, 28}),
            ("month=1,6", slice(5, 7), {1, 6}),
            ("year=2020,2025", slice(0, 4), {2020, 2025}),
        ]:
            want = [r["id"] for r in every if r[column] and int(r[column][part]) in values]
            assert want and len(want) < len(every), query
            assert await ids(query) == want, query
        assert await ids("year=2025&month=1,6") == [
            r["id"] for r in every if r[column] and r[column][:7] in ("2025-01", "2025-06")
        ]
        bad = await api.get(f"/2.3.0/{path}/?day=1,x")
        assert bad.status_code == 400 and bad.json() == {"day": ["Enter a number."]}
        late = await api.get(f"/2.3.0/{path}/?month=1,13")
        assert late.status_code == 400 and list(late.json()) == ["month"]
    old = await api.get("/2.2.0/event/?day=1,15")
    assert old.status_code == 400 and old.json() == {"day": ["Enter a whole number."]}


OTHERS = [
    ("2.2.0/agencies", "agencies", "featured=true", "{featured: true}", None),
    ("2.2.0/agencies", "agencies", "search=space", '{search: "space"}', None),
    ("2.3.0/agencies", "agencies", "ordering=-name", "{}", "[{field: NAME, direction: DESC}]"),
    ("2.2.0/program", "programs", "agency=121", "{agencyIds: [121]}", None),
    ("2.3.0/programs", "programs", "ordering=name", "{}", "[{field: NAME}]"),
    ("2.2.0/pad", "pads", "location=12", "{locationIds: [12]}", None),
    ("2.2.0/pad", "pads", "location__id=27", "{locationIds: [27]}", None),
    ("2.3.0/pads", "pads", "search=complex", '{search: "complex"}', None),
    ("2.2.0/location", "locations", "search=cape", '{search: "cape"}', None),
    ("2.3.0/locations", "locations", "ordering=-name", "{}", "[{field: NAME, direction: DESC}]"),
    ("2.2.0/config/launcher", "launcherConfigs", "family=falcon", '{family: "Falcon"}', None),
    (
        "2.3.0/launcher_configurations",
        "launcherConfigs",
        "search=falcon&mode=list",
        '{search: "falcon"}',
        None,
    ),
    (
        "2.2.0/spacestation",
        "spacestations",
        "ordering=-name",
        "{}",
        "[{field: NAME, direction: DESC}]",
    ),
    ("2.3.0/space_stations", "spacestations", "id=18", "{ids: [18]}", None),
    (
        "2.2.0/expedition",
        "expeditions",
        "ordering=-start",
        "{}",
        "[{field: START, direction: DESC}]",
    ),
    (
        "2.3.0/expeditions",
        "expeditions",
        "start__gte=2021-01-01T00:00:00Z",
        '{start: {gte: "2021-01-01T00:00:00Z"}}',
        None,
    ),
]


async def test_other_lists_match_graphql(store: Store) -> None:
    """The lists of agencies, programs, pads, locations, configurations, stations and
    expeditions, under both versions: LL2's pages, filters and orderings, the same rows as
    the GraphQL lists."""
    await load(store, sample_path())
    api = Api(store)
    for path, root, query, where, order in OTHERS:
        resp = await api.get(f"/{path}/?limit=100&{query}")
        assert resp.status_code == 200, (path, resp.text)
        page = resp.json()
        got = [row["id"] for row in page["results"]]
        assert got and page["count"] == len(got), (path, query)
        assert got == await graphql_ids(api, root, where, order), (path, query)
        every = [row["id"] for row in (await api.get(f"/{path}/?limit=100")).json()["results"]]
        assert got != every, (path, query)
        # Every row links to its own detail, which answers it.
        detail = (await api.get(page["results"][0]["url"].removeprefix("http://test"))).json()
        assert detail["id"] == got[0], path
    bad = await api.get("/2.2.0/pad/?location=here")
    assert bad.status_code == 400 and list(bad.json()) == ["location"]


FIXTURES = Path(__file__).resolve().parent / "fixtures"

# LL2 filters over orbits, celestial bodies, COSPAR designators, boosters and spacecraft
# flown, agency abbreviations and configurations' service: (REST path, GraphQL root, query,
# GraphQL filter).
MORE = [
    ("2.2.0/launch", "launches", "mission__orbit__name=Low%20Earth%20Orbit", "{orbitName: $v}"),
    ("2.3.0/launches", "launches", "mission__orbit__name=Suborbital", "{orbitName: $v}"),
    (
        "2.2.0/launch",
        "launches",
        "mission__orbit__name__icontains=ORBIT",
        "{orbitNameContains: $v}",
    ),
    ("2.2.0/launch", "launches", "rocket__configuration__id=164", "{configurationIds: [164]}"),
    (
        "2.3.0/launches",
        "launches",
        "launch_designator=1957-001,2025-999",
        '{launchDesignators: ["1957-001", "2025-999"]}',
    ),
    (
        "2.3.0/launches",
        "launches",
        "pad__location__celestial_body__id=1",
        "{locationCelestialBodyIds: [1]}",
    ),
    (
        "2.3.0/launches",
        "launches",
        "mission__orbit__celestial_body__id=1&mode=list",
        "{orbitCelestialBodyIds: [1]}",
    ),
    (
        "2.2.0/launch",
        "launches",
        "serial_number=B1082,B1061",
        '{serialNumbers: ["B1082", "B1061"]}',
    ),
    (
        "2.3.0/launches",
        "launches",
        "rocket__spacecraftflight__spacecraft__name=Crew%20Dragon%20Resilience",
        "{spacecraftName: $v}",
    ),
    (
        "2.2.0/launch",
        "launches",
        "rocket__spacecraftflight__spacecraft__name__icontains=dragon",
        "{spacecraftNameContains: $v}",
    ),
    (
        "2.2.0/launch",
        "launches",
        "rocket__spacecraftflight__spacecraft__id=291",
        "{spacecraftIds: [291]}",
    ),
    ("2.3.0/launches", "launches", "spacecraft_config__ids=6", "{spacecraftConfigIds: [6]}"),
    ("2.2.0/launch", "launches", "is_crewed=true", "{crewed: true}"),
    ("2.3.0/launches", "launches", "is_crewed=false&mode=list", "{crewed: false}"),
    ("2.2.0/agencies", "agencies", "abbrev=NASA", '{abbrev: "NASA"}'),
    ("2.3.0/agencies", "agencies", "abbrev=SpX&mode=list", '{abbrev: "SpX"}'),
    ("2.2.0/config/launcher", "launcherConfigs", "active=true", "{active: true}"),
    ("2.3.0/launcher_configurations", "launcherConfigs", "reusable=false", "{reusable: false}"),
]


async def test_orbit_body_designator_abbrev_and_service_filters(
    store: Store, tmp_path: Path
) -> None:
    """The sample, 2.2.0 detailed launches (boosters, a spacecraft; configurations in and
    out of service) and real 2.3.0 launches (celestial bodies, designators on the
    launch): each filter narrows its list, to the rows of its GraphQL equivalent. A 2.2.0
    mission's designator counts as its launch's (2.3.0 moved it to the launch)."""
    detailed = read_ll2(FIXTURES / "rest" / "launches-detailed-2.2.0.jsonl")
    detailed[1]["mission"]["launch_designator"] = "2025-999"
    await load(
        store,
        sample_path(),
        write_page(tmp_path / "detailed.json", detailed),
        FIXTURES / "ll2-2.3.0" / "launches-real.jsonl",
    )
    api = Api(store)
    for path, root, query, where in MORE:
        value = unquote(query.partition("=")[2].partition("&")[0])
        where = where.replace("$v", json.dumps(value))
        resp = await api.get(f"/{path}/?limit=100&{query}")
        assert resp.status_code == 200, (path, resp.text)
        got = [row["id"] for row in resp.json()["results"]]
        assert got == await graphql_ids(api, root, where, None), (path, query)
        every = [row["id"] for row in (await api.get(f"/{path}/?limit=100")).json()["results"]]
        assert got and len(got) < len(every), (path, query)
    mission = await api.get("/2.3.0/launches/?launch_designator=2025-999&mode=list")
    assert [row["id"] for row in mission.json()["results"]] == [detailed[1]["id"]]
    for path, query, param in [
        ("2.2.0/config/launcher", "active=maybe", "active"),
        ("2.3.0/launcher_configurations", "reusable=2", "reusable"),
        ("2.3.0/launches", "pad__location__celestial_body__id=earth", None),
        ("2.3.0/launches", "mission__orbit__celestial_body__id=1,x", None),
        ("2.2.0/launch", "mission__orbit__name__icontains=" + "x" * 201, None),
    ]:
        resp = await api.get(f"/{path}/?{query}")
        assert resp.status_code == 400, (path, query)
        assert list(resp.json()) == [param or query.partition("=")[0]], resp.json()
    assert (await api.get("/2.2.0/config/launcher/?active=maybe")).json() == {
        "active": ["Enter true or false."]
    }
