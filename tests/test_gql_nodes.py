"""Relay refetching and lookups: every object type comes back from node(id:) and nodes(ids:)
under the global id the API gave it, and the root lookups by ll2Id, global id and slug find
the objects of the JSON."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from tests.conftest import Store
from tests.gql_helpers import (
    LL2,
    SAMPLE,
    SCHEMA,
    Api,
    decode_global_id,
    global_id,
    load,
    read_ll2,
    write_page,
)

# A query reaching every object type of the graph; `__typename id ll2Id` on each object.
N = "__typename id ll2Id"
EVERYTHING = f"""{{ events(first: 100) {{ nodes {{ {N}
  type {{ {N} }} datePrecision {{ {N} }} updates {{ {N} }} agencies {{ {N} }}
  image {{ {N} variants {{ {N} }} }} astronauts {{ {N} agency {{ {N} }} image {{ {N} }} }}
  spacestations {{ {N} status {{ {N} }} image {{ {N} }} }}
  expeditions {{ {N} spacestation {{ {N} }} missionPatches {{ {N} }} spacewalks {{ {N} }} }}
  programs {{ {N} type {{ {N} }} agencies {{ {N} }} missionPatches {{ {N} agency {{ {N} }} }} }}
  launches {{ {N} status {{ {N} }} netPrecision {{ {N} }} updates {{ {N} }}
    image {{ {N} variants {{ {N} }} }}
    missionPatches {{ {N} }}
    launchServiceProvider {{ {N} country {{ {N} }} image {{ {N} }} logo {{ {N} }}
      socialLogo {{ {N} }} }}
    rocket {{ {N} configuration {{ {N} families {{ {N} }} programs {{ {N} }} image {{ {N} }} }} }}
    mission {{ {N} image {{ {N} }} orbit {{ {N} celestialBody {{ {N} }} }} agencies {{ {N} }} }}
    pad {{ {N} country {{ {N} }} image {{ {N} }} agencies {{ {N} }}
      location {{ {N} country {{ {N} }} image {{ {N} }}
        celestialBody {{ {N} image {{ {N} }} }} }} }}
  }}
}} }}
launches(first: 100) {{ nodes {{ {N} updates {{ {N} }}
  launchServiceProvider {{ {N} socialMediaLinks {{ {N} socialMedia {{ {N} }} }} }}
  rocket {{ {N}
    launcherStages {{ {N} launcher {{ {N} }}
      landing {{ {N} type {{ {N} }} landingLocation {{ {N} }} }} }}
    spacecraftStages {{ {N} spacecraft {{ {N} spacecraftConfig {{ {N} }} }}
      launchCrew {{ {N} astronaut {{ {N} }} }}
      dockingEvents {{ {N} dockingLocation {{ {N} }} }} }}
    payloads {{ {N} payload {{ {N} }} }}
  }}
}} }} }}"""
# API 2.3.0 objects (the sample is 2.2.0): the types only they reach (stages, crews,
# payloads and social media through the launches).
V2_3_0 = [
    Path(__file__).parent / "fixtures" / "ll2-2.3.0" / name
    for name in ("launch-detailed.json", "event-detailed.json", "launch-stages.json")
]


def node_types() -> set[str]:
    return {t.name for t in SCHEMA.get_possible_types(SCHEMA.type_map["Node"])}


def objects_in(data: Any) -> dict[str, tuple[str, Any]]:
    """global id -> (type name, ll2Id) of every object in a response."""
    found: dict[str, tuple[str, Any]] = {}
    if isinstance(data, dict):
        if "__typename" in data and "id" in data:
            found[data["id"]] = (data["__typename"], data["ll2Id"])
        for value in data.values():
            found |= objects_in(value)
    elif isinstance(data, list):
        for item in data:
            found |= objects_in(item)
    return found


def any_node(types: set[str]) -> str:
    """A selection of __typename, id and ll2Id on whatever Node comes back (a launch's
    ll2Id is a String, so it comes under another name: fields of one name must agree)."""
    return "__typename id " + " ".join(
        f"... on {t} {{ {'uuid: ' if t == 'Launch' else ''}ll2Id }}" for t in sorted(types)
    )


def key_of(node: dict[str, Any]) -> tuple[str, str, Any]:
    return node["id"], node["__typename"], node.get("ll2Id", node.get("uuid"))


async def test_every_type_refetches_by_its_global_id(store: Store) -> None:
    await load(store, SAMPLE, *V2_3_0)
    api = Api(store)
    objects = objects_in(await api.data(EVERYTHING))
    types = node_types()

    assert {t for t, _ in objects.values()} == types, "the sample reaches every Node type"
    for gid, (type_name, ll2_id) in objects.items():
        assert decode_global_id(gid) == (type_name, str(ll2_id))

    ids = sorted(objects)
    query = f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ {any_node(types)} }} }}"
    for start in range(0, len(ids), 100):
        chunk = ids[start : start + 100]
        got = (await api.data(query, ids=chunk))["nodes"]
        assert [key_of(n) for n in got] == [(gid, *objects[gid]) for gid in chunk]


async def test_node_of_each_type(store: Store) -> None:
    await load(store, SAMPLE, *V2_3_0)
    api = Api(store)
    objects = objects_in(await api.data(EVERYTHING))
    one_of_each = {t: (gid, key) for gid, (t, key) in sorted(objects.items())}
    query = f"query($id: ID!) {{ node(id: $id) {{ {any_node(node_types())} }} }}"

    for type_name, (gid, key) in one_of_each.items():
        got = (await api.data(query, id=gid))["node"]
        assert key_of(got) == (gid, type_name, key)


async def test_nodes_keep_order_and_nulls(store: Store) -> None:
    await load(store, SAMPLE)
    api = Api(store)
    ids = [global_id("Agency", 121), global_id("Event", 999999), global_id("Event", 1101)]
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Event { name } } }"

    got = (await api.data(query, ids=ids))["nodes"]

    assert got == [
        {"id": ids[0]},
        None,
        {"id": ids[2], "name": "Crew Dragon Demo-1 Docking"},
    ]


LOOKUPS = {
    "event": ("Event", "event", "Int"),
    "launch": ("Launch", "launch", "String"),
    "agency": ("Agency", "agency", "Int"),
    "program": ("Program", "program", "Int"),
    "pad": ("Pad", "pad", "Int"),
    "location": ("Location", "location", "Int"),
    "spacestation": ("SpaceStation", "spacestation", "Int"),
    "expedition": ("Expedition", "expedition", "Int"),
    "launcherConfig": ("LauncherConfig", "launcher_config", "Int"),
}


async def test_lookups_by_ll2_id_and_global_id(store: Store) -> None:
    await load(store, SAMPLE)
    api = Api(store)
    m = LL2.of(SAMPLE)

    for root, (type_name, kind, _id_type) in LOOKUPS.items():
        assert m.objects[kind], kind
        by_ll2 = f"query($k: ID!) {{ {root}(ll2Id: $k) {{ id ll2Id name }} }}"
        by_gid = f"query($g: ID!) {{ {root}(id: $g) {{ id ll2Id name }} }}"
        for key, obj in m.objects[kind].items():
            want = {"id": global_id(type_name, key), "ll2Id": key, "name": obj["name"]}
            assert (await api.data(by_ll2, k=key))[root] == want
            assert (await api.data(by_gid, g=want["id"]))[root] == want


async def test_launch_ids_are_case_insensitive(store: Store) -> None:
    await load(store, SAMPLE)
    api = Api(store)
    launch_id = "88b4b179-c4ed-4bd1-868d-ced568a2342a"
    query = "query($k: ID!) { launch(ll2Id: $k) { ll2Id } }"
    assert launch_id in LL2.of(SAMPLE).launches

    assert (await api.data(query, k=launch_id.upper()))["launch"] == {"ll2Id": launch_id}


async def test_lookups_by_slug(store: Store) -> None:
    await load(store, SAMPLE)
    api = Api(store)
    m = LL2.of(SAMPLE)

    for root, rows in (("event", m.events), ("launch", m.launches)):
        query = f"query($s: String!) {{ {root}(slug: $s) {{ ll2Id slug }} }}"
        for key, obj in rows.items():
            assert (await api.data(query, s=obj["slug"]))[root] == {
                "ll2Id": key,
                "slug": obj["slug"],
            }


async def test_a_reused_launch_slug_names_the_latest_launch(store: Store, tmp_path: Path) -> None:
    """LL2 has moved slugs between launches; the most recently updated one answers."""
    events = read_ll2(SAMPLE)
    older = next(e for e in events if e["id"] == 1110)["launches"][0]  # updated 2025-03-02
    newer = copy.deepcopy(next(e for e in events if e["id"] == 1118)["launches"][0])  # 2025-08
    newer["slug"] = older["slug"]
    event = next(e for e in events if e["id"] == 1118)
    event["launches"] = [newer]
    await load(store, write_page(tmp_path / "moved-slug.json", events))
    api = Api(store)

    got = await api.data(f'{{ launch(slug: "{older["slug"]}") {{ ll2Id }} }}')

    assert got["launch"] == {"ll2Id": newer["id"]}
