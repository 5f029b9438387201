"""The two execution paths: the compiled path answers the queries clients send (and says
so), and answers them exactly as the reference path does."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.conftest import Store
from tests.gql_helpers import SAMPLE, Api, global_id, load

ROOT = Path(__file__).resolve().parents[1]


def readme_example() -> str:
    text = (ROOT / "README.md").read_text()
    return re.search(r"```graphql\n(.*?)```", text, re.S).group(1)  # type: ignore[union-attr]


def bench_queries() -> dict[str, str]:
    folder = ROOT / "bench" / "queries"
    return {p.stem: orjson.loads(p.read_bytes())["query"] for p in sorted(folder.glob("q*.json"))}


CLIENT_QUERIES = {"readme": readme_example(), **bench_queries()}


@pytest.mark.parametrize("name", sorted(CLIENT_QUERIES))
async def test_client_queries_take_the_compiled_path(store: Store, name: str) -> None:
    if store.executor != "compiled":
        pytest.skip("about the compiled path")
    await load(store, SAMPLE)
    api = Api(store)
    await api.data(CLIENT_QUERIES[name])
    assert api.paths == ["compiled"]


def _cursors_decoded(value: Any) -> Any:
    """Cursors are opaque: each path may encode the same position in other bytes (JSON
    spacing); compare what they say."""
    if isinstance(value, list):
        return [_cursors_decoded(v) for v in value]
    if isinstance(value, dict):
        return {
            k: orjson.loads(base64.urlsafe_b64decode(v + "=" * (-len(v) % 4)))
            if k in ("cursor", "startCursor", "endCursor") and isinstance(v, str)
            else _cursors_decoded(v)
            for k, v in value.items()
        }
    return value


EVENT = global_id("Event", 1101)
LAUNCH = global_id("Launch", "88b4b179-c4ed-4bd1-868d-ced568a2342a")

DIFFERENTIAL = [
    "{ events(first: 3) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor"
    " endCursor __typename } edges { cursor __typename node { __typename id ll2Id name date"
    " lastUpdated webcastLive } } nodes { slug } __typename } }",
    "{ events(last: 4, orderBy: [{field: NAME, direction: DESC}]) { pageInfo { hasNextPage"
    " hasPreviousPage startCursor endCursor } nodes { name } } }",
    "{ upcomingEvents(first: 5) { nodes { name date type { name } } } previousEvents(last: 2)"
    " { edges { cursor node { name } } } }",
    '{ launches(first: 5, filter: {search: "falcon"}) { totalCount nodes { ll2Id name net'
    " status { abbrev } netPrecision { name } launchServiceProvider { name featured } rocket"
    " { id configuration { fullName length diameter } } pad { latitude longitude location {"
    " name pads(first: 2) { totalCount nodes { name } } } } mission { orbit { abbrev }"
    " agencies { name } infoUrls { url } } programs { name } events { name } infoUrls { url"
    " typeName } vidUrls { url live startTime } } } }",
    "{ agencies(first: 3, orderBy: [{field: NAME}]) { nodes { name launches(first: 2) {"
    " totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } }"
    " programs(last: 1) { nodes { name } } events(first: 1) { totalCount } launcherConfigs"
    " { totalCount } } } }",
    "{ programs { nodes { name startDate agencies { abbrev } missionPatches { name agency {"
    " name } } type { name } events(first: 2) { nodes { name } } } } }",
    "{ spacestations { nodes { name founded status { name } expeditions(first: 2) { nodes {"
    " name start spacestation { name } } } events(first: 1) { nodes { name } } } } }",
    "{ eventTypes(first: 3) { nodes { name } } locations(first: 2) { nodes { name pads { nodes"
    " { name } } } } launcherConfigs(first: 2) { nodes { name manufacturer { name } launches("
    "first: 2) { totalCount nodes { name } } } } }",
    f'{{ node(id: "{EVENT}") {{ __typename id ... on Event {{ name updates {{ comment }} }} }}'
    f' nodes(ids: ["{LAUNCH}", "{EVENT}", "{global_id("Agency", 999999)}"]) {{ id ... on'
    f" Launch {{ name }} ... on Node {{ __typename }} }} }}",
    f'{{ a: event(id: "{EVENT}") {{ ...E }} b: event(ll2Id: 1101) {{ name @skip(if: true) '
    f'll2Id @include(if: true) }} c: launch(ll2Id: "nope") {{ name }} }}'
    " fragment E on Event { name launches { name } }",
    "{ __typename events(first: 1, filter: {year: 2019, month: 3}) { nodes { name } } }",
]


@pytest.mark.parametrize("query", DIFFERENTIAL, ids=[f"q{i}" for i in range(len(DIFFERENTIAL))])
async def test_compiled_answers_as_the_reference_path(store: Store, query: str) -> None:
    if store.executor != "compiled":
        pytest.skip("compares the compiled path with the reference path")
    await load(store, SAMPLE)
    compiled = Api(store)
    store.executor = "reference"
    reference = Api(store)
    got, want = await compiled.post(query), await reference.post(query)
    assert compiled.paths == ["compiled"], got.text
    assert reference.paths == ["reference"]
    assert _cursors_decoded(got.json()) == _cursors_decoded(want.json())


async def test_variables_of_custom_scalars_take_the_compiled_path(store: Store) -> None:
    """DateTime variables are parsed as the reference path parses them (a schema built from
    SDL knows custom scalars by name only)."""
    if store.executor != "compiled":
        pytest.skip("compares the compiled path with the reference path")
    await load(store, SAMPLE)
    query = "query($d: DateTime) { events(filter: {date: {gte: $d}}) { totalCount } }"
    compiled = Api(store)
    store.executor = "reference"
    reference = Api(store)
    variables = {"d": "2021-01-01T00:00:00Z"}
    got, want = await compiled.post(query, variables), await reference.post(query, variables)
    assert compiled.paths == ["compiled"], got.text
    assert got.json() == want.json()
    assert got.json()["data"]["events"]["totalCount"] > 0
