"""N+1 guard: a deep nested query runs the same number of SQL statements for a page of 5
events as for a page of 50 or 100; relations are loaded per level, never per object."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, Store
from tests.gql_helpers import Api, count_statements, load

GENERATOR = FIXTURES / "gen_ll2.py"
EVENTS = 300

DEEP = """query Deep($first: Int!) {
  events(first: $first, orderBy: [{field: ID}]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      ll2Id name date
      type { name } datePrecision { name }
      agencies { name }
      programs { name type { name } agencies { name } missionPatches { name agency { name } }
                 events(first: 2) { totalCount nodes { ll2Id } } }
      spacestations { name status { name } }
      expeditions { name spacestation { name } }
      updates { comment } infoUrls { url } vidUrls { url }
      launches {
        name net status { name } netPrecision { name }
        launchServiceProvider { name launches(first: 2) { totalCount nodes { name } } }
        rocket { configuration { name } }
        mission { name orbit { name } agencies { name } }
        pad { name location { name pads(first: 3) { nodes { name } } } }
        programs { name agencies { name } }
      }
    } }
  }
}"""


@pytest.fixture(scope="session")
def generated(session_tmp: Path) -> Path:
    """A generated LL2 dataset of EVENTS events, made once per session."""
    out = session_tmp / f"generated-{EVENTS}.jsonl"
    if not out.exists():
        cmd = [sys.executable, str(GENERATOR), "--events", str(EVENTS), "--out", str(out)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    return out


def filled(data: Any, path: str = "") -> set[str]:
    """Paths (without list indexes) that hold a non-empty value somewhere in `data`."""
    found: set[str] = set()
    if isinstance(data, dict):
        for k, v in data.items():
            found |= filled(v, f"{path}.{k}")
    elif isinstance(data, list):
        for item in data:
            found |= filled(item, path)
    elif data is not None:
        found.add(path)
    return found


async def test_statements_do_not_grow_with_the_page(store: Store, generated: Path) -> None:
    await load(store, generated)
    api = Api(store)

    counts, reached = {}, {}
    for size in (5, 50, 100):
        with count_statements(store) as statements:
            data = await api.data(DEEP, first=size)
        assert len(data["events"]["edges"]) == size
        counts[size], reached[size] = len(statements), filled(data)

    # The small page already has data at every place of the query the big ones have, so no
    # relation is left unread there (which would hide a statement per object elsewhere).
    assert reached[5] == reached[50] == reached[100]
    assert len(reached[5]) > 30
    assert_flat(counts)


def assert_flat(counts: dict[int, int]) -> None:
    """The statement counts of pages of 5, 50 and 100 are the same, give or take one batch
    that the reference path's loaders split or merge by timing (a loader's keys that arrive
    while its batch waits for the request's connection go in the next batch). An N+1 would
    add a statement per object: 45 or more between the pages."""
    assert max(counts.values()) - min(counts.values()) <= 2, counts


async def test_reverse_connections_of_many_owners_batch(store: Store, generated: Path) -> None:
    """agencies -> launches -> pad -> launches: one statement per level, whatever the page."""
    await load(store, generated)
    api = Api(store)
    query = """query($first: Int!) { agencies(first: $first) { nodes { name
      launches(first: 3) { totalCount nodes { name
        pad { name launches(first: 2) { nodes { name } } } } }
      programs(first: 2) { nodes { name } } events(first: 2) { nodes { name } } } } }"""

    counts = {}
    for size in (5, 50, 100):
        with count_statements(store) as statements:
            await api.data(query, first=size)
        counts[size] = len(statements)

    assert_flat(counts)
