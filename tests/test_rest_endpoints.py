"""The REST endpoints' protocol: LL2's limit/offset pages with next/previous links,
upcoming/previous as GraphQL's timelines, 400 naming a bad parameter, 404, detail routes of
every resource, and the response cache's ETags."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from launchgraph.app import create_app
from launchgraph.cli import sample_path
from launchgraph.db.ingest.run import ingest
from launchgraph.request_limits import RequestLimits
from launchgraph.rest import views
from launchgraph.rest.endpoints import RestEndpoints
from launchgraph.settings import Settings
from tests.asgi_scope import http_scope
from tests.conftest import Store, need_seeds
from tests.gql_helpers import FIXED_NOW, Api, count_statements, load
from tests.test_operations import access_lines, delta, scrape
from tests.test_operations import served as served_ops
from tests.test_response_cache import Clock, _until_version_known, served


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
    assert list(await get(api, "/2.2.0/launch/?is_crewed=maybe", 400)) == ["is_crewed"]
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
    limits = dataclasses.replace(RequestLimits(), rate_limit="3/hour", max_body_bytes=200)
    settings = Settings(database_url=store.url, limits=limits)
    app = create_app(settings, engine=store.engine, clock=lambda: FIXED_NOW)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        long = await client.get("/2.2.0/event/?search=" + "x" * 300)
        assert long.status_code == 414 and "longer than" in long.json()["detail"]
        # Charged as GraphQL charges as many nodes: a page of two events, with all they
        # nest, is under a hundred nodes: one point.
        first = await client.get("/2.2.0/event/?limit=2")
        assert first.status_code == 200 and first.headers["x-ratelimit-remaining"] == "2"
        # One budget per client across REST and GraphQL.
        query = {"query": "{ events(first: 1) { totalCount } }"}
        assert (await client.post("/graphql", json=query)).status_code == 200
        assert (await client.get("/2.2.0/event/352/")).status_code == 200
        refused = await client.get("/2.2.0/event/352/")
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
        assert refused.json()["detail"].startswith("Request was throttled.")


async def test_pages_are_charged_by_their_nodes(store: Store) -> None:
    """A page costs what a GraphQL query of as many objects costs (a point per hundred):
    its rows times the objects each nests."""
    # A day's window: the sliding window weighs the last window's points down once the
    # requests straddle a boundary (a minute's did on a slow machine: 963 left, not 962).
    limits = dataclasses.replace(RequestLimits(), rate_limit="1000/day")
    settings = Settings(database_url=store.url, limits=limits)
    app = create_app(settings, engine=store.engine, clock=lambda: FIXED_NOW)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        remaining = []
        for path in ["/2.2.0/event/?limit=100", "/2.2.0/launch/?limit=100&mode=list"]:
            resp = await client.get(path)
            assert resp.status_code == 200
            remaining.append(int(resp.headers["x-ratelimit-remaining"]))
    weights = [views.weight(views.EVENT), views.weight(views.LAUNCH_LIST)]
    assert weights[0] > weights[1] > 1
    assert remaining == [1000 - weights[0], 1000 - weights[0] - weights[1]]


LIST_KEYS_2_2_0 = [
    "id",
    "url",
    "slug",
    "name",
    "status",
    "last_updated",
    "net",
    "net_precision",
    "window_end",
    "window_start",
    "lsp_name",
    "mission",
    "mission_type",
    "pad",
    "location",
    "orbit",
    "image",
    "type",
]


async def test_launch_modes_of_2_2_0(store: Store) -> None:
    """?mode=list is LL2 2.2.0's short form (related objects flattened into their names);
    ?mode=detailed nests full objects and adds updates, links, timeline and patches."""
    await load(store, sample_path())
    api = Api(store)
    normal = (await get(api, "/2.2.0/launch/?limit=5"))["results"]
    short = (await get(api, "/2.2.0/launch/?limit=5&mode=list"))["results"]
    assert [row["id"] for row in short] == [row["id"] for row in normal]
    for full, row in zip(normal, short, strict=True):
        assert list(row) == LIST_KEYS_2_2_0 and row["type"] == "list"
        assert row["lsp_name"] == (full["launch_service_provider"] or {}).get("name")
        assert row["pad"] == full["pad"]["name"]
        assert row["location"] == full["pad"]["location"]["name"]
        assert row["mission"] == full["mission"]["name"]
        assert row["mission_type"] == full["mission"]["type"]
        orbit = full["mission"]["orbit"]
        assert row["orbit"] == (orbit["name"] if orbit else None)
        assert row["status"] == full["status"] and row["image"] == full["image"]
    detailed = (await get(api, "/2.2.0/launch/?limit=5&mode=detailed"))["results"]
    for full, row in zip(normal, detailed, strict=True):
        assert row["type"] == "detailed"
        for key in ("updates", "infoURLs", "vidURLs", "timeline", "mission_patches"):
            assert isinstance(row[key], list), key
        assert "manufacturer" in row["rocket"]["configuration"]
        assert "total_launch_count" in row["launch_service_provider"]
        assert isinstance(row["rocket"]["launcher_stage"], list)
        assert "spacecraft_stage" in row["rocket"]
        shared = [k for k in full if k in row and k not in ("type", "rocket")]
        # LL2's detailed launch gives the NET's precision right after the NET, its normal
        # one after the window (fixtures/rest/launches-detailed-2.2.0.jsonl, real).
        moved = "net_precision"
        assert [k for k in row if k in shared and k != moved] == [k for k in shared if k != moved]
        assert list(row).index(moved) == list(row).index("net") + 1
        for key in shared:
            if key != "launch_service_provider":
                assert row[key] == full[key], key
    one = await get(api, f"/2.2.0/launch/{normal[0]['id']}/?mode=detailed")
    assert one == detailed[0]
    assert await get(api, f"/2.2.0/launch/{normal[0]['id']}/") == normal[0]
    assert await get(api, f"/2.2.0/launch/{normal[0]['id']}/?mode=nonsense") == normal[0]


async def test_detailed_2_2_0_launch_carries_its_timeline_and_links(store: Store) -> None:
    source = Path(__file__).parent / "fixtures" / "ll2-2.3.0" / "launch-detailed.json"
    await load(store, source)
    ll2 = json.loads(source.read_text())
    got = await get(Api(store), f"/2.2.0/launch/{ll2['id']}/?mode=detailed")
    assert got["timeline"] == ll2["timeline"] and got["timeline"]
    assert got["infoURLs"] == ll2["info_urls"] and got["infoURLs"]
    assert [v["url"] for v in got["vidURLs"]] == [v["url"] for v in ll2["vid_urls"]]
    assert [u["id"] for u in got["updates"]] == [u["id"] for u in ll2["updates"]]
    assert [p["id"] for p in got["mission_patches"]] == [p["id"] for p in ll2["mission_patches"]]
    assert got["flightclub_url"] == ll2["flightclub_url"]
    assert got["pad_turnaround"] == ll2["pad_turnaround"]


async def test_hide_recent_previous(store: Store) -> None:
    """LL2's hide_recent_previous=true drops from an upcoming list what happened in the last
    day (which upcoming lists by default); it is ignored elsewhere, as LL2 ignores it."""
    await load(store, sample_path())
    latest = (await get(Api(store), "/2.2.0/event/?limit=1&ordering=-date"))["results"][0]
    when = datetime.fromisoformat(latest["date"].replace("Z", "+00:00")) + timedelta(hours=1)
    app = create_app(Settings(database_url=store.url), engine=store.engine, clock=lambda: when)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:

        async def ids(path: str) -> list[Any]:
            resp = await client.get(path)
            assert resp.status_code == 200, resp.text
            return [row["id"] for row in resp.json()["results"]]

        for base in ("/2.2.0/event/upcoming/", "/2.3.0/events/upcoming/"):
            shown = await ids(f"{base}?limit=100")
            hidden = await ids(f"{base}?limit=100&hide_recent_previous=true")
            assert latest["id"] in shown and latest["id"] not in hidden
            assert hidden == [i for i in shown if i != latest["id"]]
            assert await ids(f"{base}?limit=100&hide_recent_previous=false") == shown
            bad = await client.get(f"{base}?hide_recent_previous=maybe")
            assert bad.status_code == 400
            assert bad.json() == {"hide_recent_previous": ["Enter true or false."]}
        previous = "/2.2.0/event/previous/?limit=100"
        assert await ids(previous + "&hide_recent_previous=true") == await ids(previous)
        # Launches alike, by their NET.
        resp = await client.get("/2.2.0/launch/upcoming/?limit=100")
        launches = resp.json()["results"]
        later = [r["id"] for r in launches if datetime.fromisoformat(r["net"]) >= when]
        assert launches and later != [r["id"] for r in launches]
        assert await ids("/2.2.0/launch/upcoming/?limit=100&hide_recent_previous=1") == later


async def test_rest_requests_are_labelled_by_their_route(store: Store) -> None:
    await load(store, sample_path())
    async with served_ops(store) as client:
        if store.backend == "postgresql":
            await _until_version_known(client)
        before = await scrape(client)
        with access_lines() as lines:
            assert (await client.get("/2.2.0/event/1101/")).status_code == 200
            assert (await client.get("/2.2.0/event/1101/")).status_code == 200
            assert (await client.get("/2.2.0/event/99999/")).status_code == 404
            assert (await client.get("/2.3.0/launches/upcoming/?date__gte=x")).status_code == 200
            assert (await client.get("/2.2.0/event/?date__gte=x")).status_code == 400
        after = await scrape(client)
    first, again, missing, upcoming, bad = lines
    assert first["endpoint"] == "rest" and first["operation"] == "/2.2.0/event/{id}/"
    assert first["operation_type"] == "query" and first["outcome"] == "ok"
    assert first["cache"] == "miss" and again["cache"] == "memory"
    assert first["cost"] == 1 and first["path"] == "/2.2.0/event/1101/"
    assert missing["operation"] == "/2.2.0/event/{id}/"
    assert missing["outcome"] == "request_error"
    assert upcoming["operation"] == "/2.3.0/launches/upcoming/"
    assert bad["operation"] == "/2.2.0/event/" and bad["outcome"] == "request_error"
    labels = {"endpoint": "rest", "operation": "/2.2.0/event/{id}/"}
    assert delta(before, after, "launchgraph_requests_total", **labels, outcome="ok") == 2
    refused = delta(before, after, "launchgraph_requests_total", **labels, outcome="request_error")
    assert refused == 1
    timed = {"endpoint": "rest", "operation_type": "query"}
    assert delta(before, after, "launchgraph_request_duration_seconds_count", **timed) == 5


async def test_rest_work_stops_when_the_client_goes_away(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(Settings(database_url=store.url), engine=store.engine, clock=lambda: FIXED_NOW)
    started, cancelled = asyncio.Event(), asyncio.Event()

    async def slow_answer(*_args: Any, **_kwargs: Any) -> Any:
        started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    monkeypatch.setattr(RestEndpoints, "_answer", slow_answer)

    async def receive() -> dict[str, Any]:
        await started.wait()
        return {"type": "http.disconnect"}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = http_scope("GET", "/2.2.0/event/", query_string=b"limit=100")
    await asyncio.wait_for(app(scope, receive, send), timeout=10)
    assert cancelled.is_set()
    assert sent[0]["status"] == 499


async def test_heavy_pages_take_turns_with_heavy_graphql_queries(store: Store) -> None:
    """A page of many nodes waits for the heavy-query turn GraphQL's heavy queries take (one
    at a time per worker by default); a light one does not."""
    await load(store, sample_path())
    limits = dataclasses.replace(RequestLimits(), heavy_nodes=500)
    settings = Settings(database_url=store.url, limits=limits)
    app = create_app(settings, engine=store.engine, clock=lambda: FIXED_NOW)
    graphql = app.routes[0].endpoint.__self__  # type: ignore[attr-defined]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        async with graphql.heavy_turns:  # a heavy GraphQL query is running
            assert (await client.get("/2.2.0/event/?limit=2")).status_code == 200
            heavy = asyncio.ensure_future(client.get("/2.2.0/event/?limit=100"))
            done, _ = await asyncio.wait({heavy}, timeout=0.5)
            assert not done
        assert (await heavy).status_code == 200
