"""The REST endpoints' protocol: LL2's limit/offset pages with next/previous links,
upcoming/previous as GraphQL's timelines, 400 naming a bad parameter, 404, detail routes of
every resource, and the response cache's ETags."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.db.ingest.run import ingest
from launchgraph.request_limits import RequestLimits
from launchgraph.settings import Settings
from tests.conftest import Store, need_seeds
from tests.gql_helpers import FIXED_NOW, Api, count_statements, load
from tests.test_response_cache import Clock, served


async def get(api: Api, path: str, status: int = 200, **kwargs: Any) -> Any:
    resp = await api.get(path, **kwargs)
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/json"
    return resp.json()


async def test_pages_as_ll2_pages_them(store: Store) -> None:
    await load(store, sample_path())
    api = Api(store)
    first = await get(api, "/2.2.0/event/")
    assert list(first) == ["count", "next", "previous", "results"]
    assert first["count"] == 55 and len(first["results"]) == 10
    assert first["next"] == "http://test/2.2.0/event/?limit=10&offset=10"
    assert first["previous"] is None
    second = await get(api, "/2.2.0/event/?type=2&offset=3&limit=3")
    assert second["next"] == "http://test/2.2.0/event/?limit=3&offset=6&type=2"
    assert second["previous"] == "http://test/2.2.0/event/?limit=3&type=2"
    third = await get(api, "/2.2.0/event/?type=2&offset=4&limit=3")
    assert third["previous"] == "http://test/2.2.0/event/?limit=3&offset=1&type=2"
    last = await get(api, "/2.2.0/event/?offset=50")
    assert len(last["results"]) == 5 and last["next"] is None
    whole = await get(api, "/2.2.0/event/?limit=100")
    assert [e["id"] for e in whole["results"][10:20]] == [
        e["id"] for e in (await get(api, first["next"]))["results"]
    ]
    # As LL2's paginator: a limit above 100 is 100; a bad limit or offset is the default.
    assert len((await get(api, "/2.2.0/launch/?limit=1000"))["results"]) == 26
    assert len((await get(api, "/2.2.0/event/?limit=x&offset=y"))["results"]) == 10


async def test_upcoming_and_previous_are_graphqls_timelines(store: Store) -> None:
    await load(store, sample_path())
    api = Api(store)
    for rest, root in [
        ("event/upcoming", "upcomingEvents"),
        ("event/previous", "previousEvents"),
        ("launch/upcoming", "upcomingLaunches"),
        ("launch/previous", "previousLaunches"),
    ]:
        page = await get(api, f"/2.2.0/{rest}/?limit=100")
        data = await api.data(f"{{ {root}(first: 100) {{ totalCount nodes {{ ll2Id }} }} }}")
        assert page["count"] == data[root]["totalCount"] > 0, rest
        assert [r["id"] for r in page["results"]] == [n["ll2Id"] for n in data[root]["nodes"]]


async def test_bad_parameters_are_named(store: Store) -> None:
    api = Api(store)
    assert await get(api, "/2.2.0/event/?date__gte=soon", 400) == {
        "date__gte": ["Enter a valid date/time."]
    }
    assert await get(api, "/2.2.0/launch/?lsp__id=spacex", 400) == {
        "lsp__id": ["Enter a comma-separated list of whole numbers."]
    }
    body = await get(api, "/2.2.0/event/upcoming/?month=13", 400)
    assert list(body) == ["month"] and "between 1 and 12" in body["month"][0]
    assert await get(api, "/2.2.0/launch/?include_suborbital=maybe", 400) == {
        "include_suborbital": ["Enter true or false."]
    }
    assert list(await get(api, "/2.2.0/event/?type=99999999999", 400)) == ["type"]
    assert list(await get(api, "/2.2.0/event/?search=a%00b", 400)) == ["search"]
    ids = ",".join(str(i) for i in range(1001))
    assert list(await get(api, f"/2.2.0/event/?id={ids}", 400)) == ["id"]
    assert (await get(api, "/2.2.0/event/?offset=999999999999999999999"))["results"] == []
    assert list(await get(api, "/2.2.0/launch/?is_crewed=true", 400)) == ["is_crewed"]
    assert (await get(api, "/2.2.0/launch/?is_crewed=false"))["count"] == 0
    # Parameters LL2 does not know are ignored, as LL2 ignores them.
    assert (await get(api, "/2.2.0/event/?format=json&mode=detailed"))["count"] == 0


async def test_unknown_ids_are_not_found(store: Store) -> None:
    api = Api(store)
    for path in ["/2.2.0/event/99999/", "/2.2.0/event/abc/", "/2.2.0/launch/no-such-launch/"]:
        assert await get(api, path, 404) == {"detail": "Not found."}


async def test_every_detail_route(store: Store) -> None:
    seed = need_seeds() / "event-352-2.2.0.json"
    await load(store, seed)
    api = Api(store)
    for path, key, name in [
        ("agencies", 37, "Japan Aerospace Exploration Agency"),
        ("program", 17, "International Space Station"),
        ("pad", 209, "Yoshinobu Launch Complex LP-2"),
        ("location", 26, "Tanegashima Space Center, Japan"),
        ("config/launcher", 204, "H3-24"),
        ("spacestation", 4, "International Space Station"),
        ("launch", "8c2412ae-fbef-443f-aae8-db538f38eec6", "H3-24 | HTV-X1"),
    ]:
        got = await get(api, f"/2.2.0/{path}/{key}/")
        assert (got["id"], got["name"]) == (key, name)
        assert got["url"] == f"http://test/2.2.0/{path}/{key}/"
    agency = await get(api, "/2.2.0/agencies/37/")
    assert agency["total_launch_count"] == 36 and agency["parent"] is None
    config = await get(api, "/2.2.0/config/launcher/204/")
    assert config["manufacturer"] is None and config["family"] == "H3"
    # Without the trailing slash: redirected to it, as LL2 does.
    resp = await api.get("/2.2.0/event/352")
    assert resp.status_code in (301, 307, 308)


async def test_etags_and_not_modified(store: Store) -> None:
    await load(store, sample_path())
    api = Api(store)
    async with api.client() as client:
        first = await client.get("/2.2.0/launch/?limit=2")
        assert first.status_code == 200 and first.headers["etag"]
        again = await client.get(
            "/2.2.0/launch/?limit=2", headers={"if-none-match": first.headers["etag"]}
        )
        assert again.status_code == 304 and again.content == b""
        other = await client.get(
            "/2.2.0/launch/?limit=3", headers={"if-none-match": first.headers["etag"]}
        )
        assert other.status_code == 200


async def test_answers_are_cached_until_the_data_changes(store: Store) -> None:
    async with served(store, Clock()) as client:
        seed = need_seeds() / "event-352-2.2.0.json"
        await ingest(store.engine, [seed])
        with count_statements(store) as statements:
            one = await client.get("/2.2.0/event/")
            two = await client.get("/2.2.0/event/")
        assert one.json()["count"] == two.json()["count"] == 1
        assert one.headers["etag"] == two.headers["etag"]
        # The second is answered from memory: one document statement for both.
        assert sum("count(*)" in s.lower() for s in statements) == 1
        await ingest(store.engine, [sample_path()])
        assert (await client.get("/2.2.0/event/")).json()["count"] == 55


async def test_limits_of_graphql_apply(store: Store) -> None:
    await load(store, sample_path())
    limits = dataclasses.replace(RequestLimits(), rate_limit="3/minute", max_body_bytes=200)
    settings = Settings(database_url=store.url, limits=limits)
    app = create_app(settings, engine=store.engine, clock=lambda: FIXED_NOW)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        long = await client.get("/2.2.0/event/?search=" + "x" * 300)
        assert long.status_code == 414 and "longer than" in long.json()["detail"]
        first = await client.get("/2.2.0/event/?limit=100")
        assert first.status_code == 200 and first.headers["x-ratelimit-remaining"] == "2"
        # One budget per client across REST and GraphQL.
        query = {"query": "{ events(first: 1) { totalCount } }"}
        assert (await client.post("/graphql", json=query)).status_code == 200
        assert (await client.get("/2.2.0/event/352/")).status_code == 200
        refused = await client.get("/2.2.0/event/352/")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert refused.json()["detail"].startswith("Request was throttled.")
