"""The /2.3.0/ endpoints: events and launches in LL2's list, normal and detailed modes, keys
in the order of LL2's 2.3.0 schema (shared/ll2/v2.3.0/SHAPES.md), leaving out only the keys
the tables do not hold yet (views.MISSING_2_3_0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from launchgraph.cli import sample_path
from launchgraph.rest.views import MISSING_2_3_0
from tests.conftest import Store
from tests.gql_helpers import Api, load
from tests.test_rest_fidelity import differences, local

# LL2 2.3.0's keys, in its order (SHAPES.md sections 1 and 2).
EVENT_KEYS = {
    "list": "id url name info_urls vid_urls image date slug type description webcast_live "
    "location date_precision response_mode duration",
    "normal": "+ updates last_updated",
    "detailed": "+ agencies launches expeditions spacestations program astronauts",
}
LAUNCH_KEYS = {
    "list": "id url name response_mode slug launch_designator status last_updated net "
    "net_precision window_end window_start image infographic",
    "normal": "+ probability weather_concerns failreason hashtag launch_service_provider rocket "
    "mission pad webcast_live program orbital_launch_attempt_count "
    "location_launch_attempt_count pad_launch_attempt_count agency_launch_attempt_count "
    "orbital_launch_attempt_count_year location_launch_attempt_count_year "
    "pad_launch_attempt_count_year agency_launch_attempt_count_year",
    "detailed": "+ flightclub_url updates info_urls vid_urls timeline pad_turnaround "
    "mission_patches",
}


def expected(spec: dict[str, str], mode: str, table: str) -> list[str]:
    keys: list[str] = []
    for name, text in spec.items():
        keys += text.removeprefix("+ ").split()
        if name == mode:
            break
    return [k for k in keys if k not in MISSING_2_3_0[table]]


async def get(api: Api, path: str) -> Any:
    resp = await api.get(path)
    assert resp.status_code == 200, resp.text
    return resp.json()


async def test_modes_have_ll2s_keys_in_ll2s_order(store: Store) -> None:
    await load(store, sample_path())
    api = Api(store)
    for path, spec, table in [("events", EVENT_KEYS, "event"), ("launches", LAUNCH_KEYS, "launch")]:
        for mode in ("list", "normal", "detailed"):
            page = await get(api, f"/2.3.0/{path}/?mode={mode}&limit=3")
            assert len(page["results"]) == 3
            for row in page["results"]:
                assert list(row) == expected(spec, mode, table), (path, mode)
                assert row["response_mode"] == mode
        # Without a mode: normal; a detail: detailed.
        normal = (await get(api, f"/2.3.0/{path}/?limit=1"))["results"][0]
        assert normal["response_mode"] == "normal"
        detail = await get(api, f"/2.3.0/{path}/{normal['id']}/")
        assert list(detail) == expected(spec, "detailed", table)
        assert detail["url"] == f"http://test/2.3.0/{path}/{normal['id']}/"


async def test_values_as_2_3_0_writes_them(store: Store) -> None:
    await load(store, sample_path())
    api = Api(store)
    old = await get(api, "/2.2.0/event/1101/")
    new = await get(api, "/2.3.0/events/1101/")
    for key in ("id", "name", "date", "slug", "type", "description", "updates", "last_updated"):
        assert new[key] == old[key], key
    assert [a["id"] for a in new["agencies"]] == [a["id"] for a in old["agencies"]]
    assert list(new["agencies"][0]) == ["response_mode", "id", "url", "name", "abbrev", "type"]
    launch = new["launches"][0]
    assert launch["response_mode"] == "list" and launch["url"].startswith("http://test/2.3.0/")
    detailed = await get(api, f"/2.3.0/launches/{launch['id']}/")
    pad = detailed["pad"]
    assert isinstance(pad["latitude"], float) and isinstance(pad["longitude"], float)
    assert pad["url"] == f"http://test/2.3.0/pads/{pad['id']}/"
    assert detailed["rocket"]["configuration"]["response_mode"] == "detailed"
    assert detailed["launch_service_provider"]["response_mode"] == "normal"
    assert (await get(api, "/2.3.0/launches/upcoming/?mode=list"))["count"] >= 1
    assert (await get(api, "/2.3.0/events/previous/?type=2"))["count"] >= 1


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ll2-2.3.0"


def ours_differ(want: Any, got: Any, path: str = "$") -> list[str]:
    """Where a value we serve differs from LL2's (every key we give must be LL2's, in LL2's
    order, with LL2's value; LL2's keys we do not hold yet may be missing)."""
    if isinstance(want, dict) and isinstance(got, dict):
        if [k for k in want if k in got] != list(got):
            return [f"{path}: keys {list(got)} not in LL2's order {list(want)}"]
        return [d for k in got for d in ours_differ(want[k], got[k], f"{path}.{k}")]
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            return [f"{path}: {len(want)} items != {len(got)}"]
        pairs = enumerate(zip(want, got, strict=True))
        return [d for i, (w, g) in pairs for d in ours_differ(w, g, f"{path}[{i}]")]
    numbers = {type(want), type(got)} <= {int, float}  # JSON: 84 and 84.0 are one number
    same_type = type(want) is type(got) or numbers
    return [] if want == got and same_type else [f"{path}: {want!r} != {got!r}"]


@pytest.mark.parametrize(
    "fixture,path",
    [
        ("event-detailed.json", "/2.3.0/events/915/"),
        ("launch-detailed.json", "/2.3.0/launches/0a0a1326-c772-4027-8dc2-365b716f6691/"),
        ("launch-stages.json", "/2.3.0/launches/5c9c7a1e-2d3f-4b6a-9e8d-0f1a2b3c4d5e/"),
        ("events-list.json", "/2.3.0/events/?mode=list"),
        ("events-normal.json", "/2.3.0/events/?mode=normal"),
    ],
)
async def test_ll2_2_3_0_objects_come_back(store: Store, fixture: str, path: str) -> None:
    source = FIXTURES / fixture
    await load(store, source)
    want = json.loads(source.read_text())
    got = await get(Api(store), path)
    if "results" in want:
        want, got = want["results"][0], got["results"][0]
    assert ours_differ(local(want), local(got)) == []


def without_missing(value: Any, table: str = "launch") -> Any:
    """An LL2 2.3.0 object without the keys LaunchGraph does not hold (MISSING_2_3_0), found
    by the key each nested object hangs from."""
    owners = {
        "rocket": "rocket",
        "families": "launcher_family",
        "launch_service_provider": "agency",
        "manufacturer": "agency",
        "agencies": "agency",
        "payloads": "payload_flight",
        "spacecraft_stage": "spacecraft_flight",
        "docking_events": "docking_event",
    }
    if isinstance(value, list):
        return [without_missing(v, table) for v in value]
    if not isinstance(value, dict):
        return value
    missing = MISSING_2_3_0.get(table, ())
    return {k: without_missing(v, owners.get(k, k)) for k, v in value.items() if k not in missing}


async def test_real_2_3_0_launches_come_back_whole(store: Store) -> None:
    """The real 2.3.0 launches (tests/fixtures/ll2-2.3.0/launches-real.jsonl) ingested, then
    fetched in their mode, equal LL2's objects key for key, but for the keys of
    MISSING_2_3_0 (a docking event's targets other than a station)."""
    source = FIXTURES / "launches-real.jsonl"
    await load(store, source)
    api = Api(store)
    for line in source.read_text().splitlines():
        want = json.loads(line)
        mode = want["response_mode"]
        got = await get(api, f"/2.3.0/launches/{want['id']}/?mode={mode}")
        assert got["response_mode"] == mode
        assert differences(local(without_missing(want)), local(got)) == [], mode


# LL2 2.3.0's LauncherConfigNormal and its nested objects (SHAPES.md section 5).
CONFIG_NORMAL_KEYS = [
    "response_mode",
    "id",
    "url",
    "name",
    "families",
    "full_name",
    "variant",
    "active",
    "is_placeholder",
    "manufacturer",
    "program",
    "reusable",
    "image",
    "info_url",
    "wiki_url",
]
FAMILY_NORMAL_KEYS = ["response_mode", "id", "name", "manufacturer", "parent"]


async def test_normal_launcher_configurations(store: Store) -> None:
    """The configurations list answers LL2's normal configuration by default: its keys in
    its order, families and maker in their normal forms, values those of the detailed
    configuration."""
    await load(store, FIXTURES / "launches-real.jsonl", FIXTURES / "launch-stages.json")
    api = Api(store)
    page = await get(api, "/2.3.0/launcher_configurations/")
    assert (
        page["results"]
        == (await get(api, "/2.3.0/launcher_configurations/?mode=normal"))["results"]
    )
    row = page["results"][0]
    assert list(row) == CONFIG_NORMAL_KEYS and row["response_mode"] == "normal"
    assert row["families"] and row["manufacturer"]
    assert [list(f) for f in row["families"]] == [FAMILY_NORMAL_KEYS] * len(row["families"])
    assert all(f["response_mode"] == "normal" for f in row["families"])
    maker = row["manufacturer"]
    assert maker["response_mode"] == "normal" and "total_launch_count" not in maker
    detailed = await get(api, f"/2.3.0/launcher_configurations/{row['id']}/")
    assert detailed["response_mode"] == "detailed" and list(detailed) != list(row)
    for key in CONFIG_NORMAL_KEYS:
        if key not in ("response_mode", "families", "manufacturer"):
            assert row[key] == detailed[key], key
    assert [f["id"] for f in row["families"]] == [f["id"] for f in detailed["families"]]
    assert maker["id"] == detailed["manufacturer"]["id"]
    # A normal launch nests the short (list) configuration, as LL2's RocketNormal does.
    launch = await get(api, "/2.3.0/launches/e3df2ecd-c239-472f-95e4-2b89b4f75800/?mode=normal")
    assert launch["rocket"]["configuration"]["response_mode"] == "list"
