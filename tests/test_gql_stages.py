"""Boosters, landings, spacecraft flights with their crews, and payload flights: the real
detailed launches that carry them (API 2.0.0, `fixtures/real/stages.jsonl`) and a 2.3.0
detailed launch written from the schema (`fixtures/ll2-2.3.0/launch-stages.json`) come back
through GraphQL value by value, and the reverse lists (a booster's launches) follow them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Store
from tests.gql_helpers import Api, ll2_differences, load, read_ll2, selection_for
from tests.test_ll2_2_3_0 import _stored_part, load_objects

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real" / "stages.jsonl"
V230 = FIXTURES / "ll2-2.3.0" / "launch-stages.json"


async def _read_back(api: Api, launch: dict) -> list[str]:
    want = _stored_part(launch)
    query = f'{{ launch(ll2Id: "{launch["id"]}") {{ {selection_for("Launch", [want])} }} }}'
    got = (await api.data(query))["launch"]
    return ll2_differences(want, got, "Launch")


async def test_real_launches_with_stages_read_back(store: Store) -> None:
    launches = read_ll2(REAL)
    assert sum(len(la["rocket"]["launcher_stage"] or []) for la in launches) == 6
    assert sum(la["rocket"]["spacecraft_stage"] is not None for la in launches) == 3
    api = Api(store)
    # One at a time: these 2.0.0 snapshots carry no last_updated, and the shared objects in
    # them (SpaceX, its counters) differ from date to date; the latest ingested stands.
    for launch in launches:
        await load_objects(store, [launch])
        assert await _read_back(api, launch) == [], launch["id"]


async def test_2_3_0_stages_crews_and_payloads_read_back(store: Store) -> None:
    [launch] = read_ll2(V230)
    rocket = launch["rocket"]
    assert rocket["launcher_stage"] and rocket["spacecraft_stage"] and rocket["payloads"]
    assert rocket["spacecraft_stage"][0]["docking_events"]
    assert rocket["payloads"][0]["docking_events"]
    await load(store, V230)
    assert await _read_back(Api(store), launch) == []


async def test_a_booster_flown_twice_is_one_booster(store: Store) -> None:
    """B1061 (booster 71) flew two of the real launches: one booster row, reached from both
    stages, each stage knowing its previous flight."""
    await load(store, REAL)
    query = """{ a: launch(ll2Id: "32dcb5ad-7609-4fc0-8094-768ee5c2ebe0") { ...stages }
                 b: launch(ll2Id: "0ede12be-ac6d-4571-9d0c-b2a85b5cf280") { ...stages } }
      fragment stages on Launch { rocket { launcherStages {
        previousFlightId launcher { id serialNumber }
        landing { landingLocation { abbrev } type { abbrev } } } } }"""
    got = await Api(store).data(query)
    [second], [first] = (got[k]["rocket"]["launcherStages"] for k in ("a", "b"))
    assert second["previousFlightId"] == "0ede12be-ac6d-4571-9d0c-b2a85b5cf280"
    assert first["previousFlightId"] is None
    assert second["launcher"] == first["launcher"]
    assert first["launcher"]["serialNumber"] == "B1061"
    assert first["landing"]["type"] == {"abbrev": "ASDS"}
