"""Every query in examples/ (what a frontend sends) answers data without errors, on both stores,
with variables taken from the answers of the previous ones, as a frontend navigates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import OperationDefinitionNode, parse

from tests.conftest import Store
from tests.gql_helpers import SAMPLE, Api, load

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def examples() -> dict[str, str]:
    """The example documents by operation name."""
    found: dict[str, str] = {}
    for path in sorted(EXAMPLES.glob("*.graphql")):
        text = path.read_text()
        (op,) = [d for d in parse(text).definitions if isinstance(d, OperationDefinitionNode)]
        assert op.name is not None, f"{path.name}: name the operation"
        found[op.name.value] = text
    return found


async def browse(api: Api) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Run the examples in a frontend's order: the upcoming page, an event of it, one of its
    launches, that launch's provider, a search, a refetch of all of them. Returns each
    operation's variables and data."""
    docs = examples()
    seen: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    async def run(name: str, **variables: Any) -> dict[str, Any]:
        data = await api.data(docs[name], **variables)
        seen[name] = (variables, data)
        return data

    cards: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await run("UpcomingEvents", first=3, after=after))["upcomingEvents"]
        cards += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(cards) == page["totalCount"] > 3
    card = next(e for e in cards if e["launches"])
    program = next(p for e in cards for p in e["programs"])

    event = (await run("EventDetail", slug=card["slug"]))["event"]
    assert event["id"] == card["id"]
    launch = (await run("LaunchDetail", id=event["launches"][0]["id"]))["launch"]
    assert launch["name"] == event["launches"][0]["name"]
    provider = launch["launchServiceProvider"]
    agency = (await run("AgencyWithLaunches", id=provider["id"], first=2))["agency"]
    assert agency["name"] == provider["name"]
    assert agency["launches"]["totalCount"] >= 1

    word = max(launch["name"].split(), key=len)
    found = await run("Search", text=word)
    assert found["launches"]["totalCount"] >= 1

    ids = [event["id"], launch["id"], agency["id"], program["id"]]
    nodes = (await run("Refetch", ids=ids))["nodes"]
    assert [n["__typename"] for n in nodes] == ["Event", "Launch", "Agency", "Program"]
    assert [n["id"] for n in nodes] == ids
    assert nodes[3]["name"] == program["name"]
    assert nodes[1]["slug"] == launch["slug"]
    return seen


@pytest.fixture
async def api(store: Store) -> Api:
    await load(store, SAMPLE)
    return Api(store)


async def test_every_example_answers_data(api: Api) -> None:
    seen = await browse(api)
    assert sorted(seen) == sorted(examples()), "every example is exercised"
