"""Errors a client can act on: each carries a stable `extensions.code`, the HTTP status and
content type follow GraphQL over HTTP, and nothing ever answers 500 or leaks a stack trace.

Cases of one kind run in one test (one database per backend) and every failing case is
reported at once.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tests.conftest import Store
from tests.gql_helpers import GRAPHQL_RESPONSE, SAMPLE, Api, global_id, load

STABLE_CODES = {
    "INVALID_ARGUMENT",
    "INVALID_CURSOR",
    "INVALID_ID",
    "PAGE_SIZE_EXCEEDED",
    "GRAPHQL_PARSE_FAILED",
    "GRAPHQL_VALIDATION_FAILED",
    "BAD_REQUEST",
    # Refusals of requests too large, too many, or too slow (tests/test_abuse.py).
    "REQUEST_TOO_LARGE",
    "VARIABLES_TOO_DEEP",
    "VARIABLES_TOO_LARGE",
    "RATE_LIMITED",
    "REQUEST_TIMEOUT",
}


def check_error(resp: httpx.Response, code: str, status: int = 200) -> dict[str, Any]:
    """The body of an error response, checked: status, JSON, every error with a message and
    the expected code, and no trace of Python internals."""
    assert resp.status_code == status, resp.text
    assert "Traceback" not in resp.text and 'File "' not in resp.text
    body = resp.json()
    assert body["errors"], body
    for err in body["errors"]:
        assert isinstance(err["message"], str) and err["message"]
        assert err["extensions"]["code"] == code, err
    return body


def check_field_error(resp: httpx.Response, code: str) -> dict[str, Any]:
    """A root field failed with `code`: 200, application/json, the error at its path."""
    body = check_error(resp, code)
    assert resp.headers["content-type"].startswith("application/json")
    assert all(e.get("path") for e in body["errors"]), "field errors carry their path"
    return body


async def failing_cases(
    api: Api,
    cases: list[tuple[str, dict[str, Any], str]],
    check: Any = check_field_error,
    accept: str = "application/json",
) -> dict[str, str]:
    """Run (query, variables, code) cases; the ones that did not fail as expected."""
    wrong = {}
    for query, variables, code in cases:
        resp = await api.post(query, variables, headers={"accept": accept})
        try:
            check(resp, code)
        except (AssertionError, KeyError, ValueError) as exc:
            wrong[f"{query} {variables or ''}"] = f"{resp.status_code} {resp.text[:300]} {exc!r}"
    return wrong


def cursor(*values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


@pytest.fixture
async def api(store: Store) -> Api:
    await load(store, SAMPLE)
    return Api(store)


# --- Argument errors in resolvers ---------------------------------------------------------

EVENTS_AFTER = "query($c: String) { events(after: $c) { totalCount } }"
NAMES_AFTER = "query($c: String) { agencies(after: $c, orderBy: [{field: NAME}]) { totalCount } }"
EVENTS_FILTERED = "query($f: EventFilter) { events(filter: $f) { totalCount } }"
NODE = "query($id: ID!) { node(id: $id) { id } }"

ARGUMENT_ERRORS: list[tuple[str, dict[str, Any], str]] = [
    ("{ events(first: 1000) { totalCount } }", {}, "PAGE_SIZE_EXCEEDED"),
    ("{ events(last: 101) { totalCount } }", {}, "PAGE_SIZE_EXCEEDED"),
    ("{ launches(first: 101) { totalCount } }", {}, "PAGE_SIZE_EXCEEDED"),
    ("{ agency(ll2Id: 121) { launches(first: 500) { totalCount } } }", {}, "PAGE_SIZE_EXCEEDED"),
    (
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {"ids": [global_id("Event", i) for i in range(101)]},
        "PAGE_SIZE_EXCEEDED",
    ),
    (EVENTS_AFTER, {"c": "garbage"}, "INVALID_CURSOR"),
    (EVENTS_AFTER, {"c": "!!not base64!!"}, "INVALID_CURSOR"),
    ('{ agency(ll2Id: 121) { launches(after: "WyJ4Il0") { totalCount } } }', {}, "INVALID_CURSOR"),
    ("{ events(first: 1, last: 1) { totalCount } }", {}, "INVALID_ARGUMENT"),
    ("{ events(first: -1) { totalCount } }", {}, "INVALID_ARGUMENT"),
    (EVENTS_FILTERED, {"f": {"month": 13}}, "INVALID_ARGUMENT"),
    (EVENTS_FILTERED, {"f": {"day": 0}}, "INVALID_ARGUMENT"),
    (EVENTS_FILTERED, {"f": {"search": "x" * 201}}, "INVALID_ARGUMENT"),
    (EVENTS_FILTERED, {"f": {"search": "a\x00b"}}, "INVALID_ARGUMENT"),
    (EVENTS_FILTERED, {"f": {"ids": list(range(5000))}}, "INVALID_ARGUMENT"),
    (
        "query($f: LaunchFilter) { launches(filter: $f) { totalCount } }",
        {"f": {"ids": ["00000000-0000-0000-0000-00000000000\x00"]}},
        "INVALID_ARGUMENT",
    ),
    (
        "{ events(orderBy: [{field: NAME}, {field: NAME, direction: DESC}]) { totalCount } }",
        {},
        "INVALID_ARGUMENT",
    ),
    ("{ event { name } }", {}, "INVALID_ARGUMENT"),
    ('{ event(ll2Id: 1101, slug: "crew-dragon-demo-1-docking") { name } }', {}, "INVALID_ARGUMENT"),
    ('{ launch(ll2Id: "x", slug: "y") { name } }', {}, "INVALID_ARGUMENT"),
    ("query($s: String) { event(slug: $s) { name } }", {"s": "a\x00"}, "INVALID_ARGUMENT"),
    ("{ agency { name } }", {}, "INVALID_ARGUMENT"),
    (NODE, {"id": "not a global id"}, "INVALID_ID"),
    (NODE, {"id": global_id("PageInfo", 1)}, "INVALID_ID"),
    (NODE, {"id": global_id("Agency", "abc")}, "INVALID_ID"),
    (NODE, {"id": global_id("Event", 10**20)}, "INVALID_ID"),
    (NODE, {"id": global_id("Launch", "a\x00")}, "INVALID_ID"),
    (f'{{ event(id: "{global_id("Agency", 44)}") {{ name }} }}', {}, "INVALID_ID"),
    (f'{{ agency(id: "{global_id("Event", 1101)}") {{ name }} }}', {}, "INVALID_ID"),
    (f'{{ nodes(ids: ["{global_id("Event", 1101)}", "%%%"]) {{ id }} }}', {}, "INVALID_ID"),
    ('{ event(ll2Id: "abc") { name } }', {}, "INVALID_ID"),
]


async def test_argument_errors(api: Api) -> None:
    assert await failing_cases(api, ARGUMENT_ERRORS) == {}


async def test_forged_cursors(api: Api) -> None:
    """Cursors in our own format, with this list's ordering, but values of the wrong kind."""
    first = await api.data("{ events(first: 1) { pageInfo { endCursor } } }")
    by_name = await api.data(
        "{ agencies(first: 1, orderBy: [{field: NAME}]) { pageInfo { endCursor } } }"
    )
    event_sig = decoded(first["events"]["pageInfo"]["endCursor"])[0]
    agency_sig = decoded(by_name["agencies"]["pageInfo"]["endCursor"])[0]
    when = {"t": "2020-01-01T00:00:00+00:00"}

    # Well-formed cursors are taken (the control: the cases below fail only by their values).
    after_2020 = await api.data(EVENTS_AFTER, c=cursor(event_sig, when, 1))
    assert after_2020["events"]["totalCount"] == 55
    await api.data(NAMES_AFTER, c=cursor(agency_sig, "NASA", 1))

    forged = [
        (EVENTS_AFTER, cursor(event_sig, "yesterday", 1)),
        (EVENTS_AFTER, cursor(event_sig, {"t": "yesterday"}, 1)),
        (EVENTS_AFTER, cursor(event_sig, when, "1")),
        (EVENTS_AFTER, cursor(event_sig, when, 10**30)),
        (EVENTS_AFTER, cursor(event_sig, when, True)),
        (EVENTS_AFTER, cursor(event_sig, {"d": "2020-01-01"}, 1)),
        (EVENTS_AFTER, cursor(event_sig, when)),
        (EVENTS_AFTER, cursor(event_sig, when, 1, 2)),
        (NAMES_AFTER, cursor(agency_sig, "Na\x00me", 1)),
        (NAMES_AFTER, cursor(agency_sig, 5, 1)),
        (NAMES_AFTER, cursor(agency_sig, ["NASA"], 1)),
    ]
    cases = [(query, {"c": c}, "INVALID_CURSOR") for query, c in forged]
    assert await failing_cases(api, cases) == {}


def decoded(cursor: str) -> list[Any]:
    return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))


async def test_cursor_from_another_ordering_or_list(api: Api) -> None:
    by_name = await api.data(
        "{ events(first: 2, orderBy: [{field: NAME}]) { pageInfo { endCursor } } }"
    )
    name_cursor = by_name["events"]["pageInfo"]["endCursor"]
    query = "query($c: String, $o: [EventOrder!]) { events(after: $c, orderBy: $o) { totalCount } }"

    # The cursor is fine under its own ordering ...
    ok = await api.data(query, c=name_cursor, o=[{"field": "NAME"}])
    assert ok["events"]["totalCount"] == 55
    # ... and refused under the default one, the reversed one, or on another list.
    assert (
        await failing_cases(
            api,
            [
                (query, {"c": name_cursor}, "INVALID_CURSOR"),
                (
                    query,
                    {"c": name_cursor, "o": [{"field": "NAME", "direction": "DESC"}]},
                    "INVALID_CURSOR",
                ),
                (NAMES_AFTER, {"c": name_cursor}, "INVALID_CURSOR"),
                (
                    "query($c: String) { upcomingEvents(after: $c) { totalCount } }",
                    {"c": name_cursor},
                    "INVALID_CURSOR",
                ),
            ],
        )
        == {}
    )


async def test_field_errors_keep_the_rest_of_the_data(api: Api) -> None:
    query = '{ a: event(ll2Id: 1101) { name } b: event(ll2Id: 1101, slug: "x") { name } }'
    body = check_field_error(await api.post(query), "INVALID_ARGUMENT")
    assert body["data"] == {"a": {"name": "Crew Dragon Demo-1 Docking"}, "b": None}
    assert [e["path"] for e in body["errors"]] == [["b"]]

    # Under application/graphql-response+json a response with data is still 200.
    resp = await api.post(query, headers={"accept": GRAPHQL_RESPONSE})
    check_error(resp, "INVALID_ARGUMENT", 200)
    assert resp.headers["content-type"].startswith(GRAPHQL_RESPONSE)


async def test_missing_objects_are_null_without_errors(api: Api) -> None:
    data = await api.data(
        f'{{ event(ll2Id: 999999) {{ name }} node(id: "{global_id("Agency", 999999)}") {{ id }}'
        ' launch(ll2Id: "00000000-0000-0000-0000-000000000000") { name }'
        ' bySlug: event(slug: "no-such-event") { name } }'
    )
    assert data == {"event": None, "node": None, "launch": None, "bySlug": None}


async def test_internal_failures_are_reported_without_details(store: Store) -> None:
    """A failure inside the server (here the database lost a table) is an error response
    coded INTERNAL_SERVER_ERROR, never a bare 500, and tells nothing of the internals."""
    await load(store, SAMPLE)
    async with store.engine.begin() as conn:
        await conn.execute(text("DROP TABLE event_update"))
    api = Api(store)

    for accept in ("application/json", GRAPHQL_RESPONSE):
        query = "{ event(ll2Id: 1101) { name updates { comment } } }"
        resp = await api.post(query, headers={"accept": accept})
        body = check_error(resp, "INTERNAL_SERVER_ERROR", 200)
        assert body.get("data") in (None, {"event": None})
        assert "event_update" not in resp.text and "SELECT" not in resp.text


# --- Request errors -----------------------------------------------------------------------

REQUEST_ERRORS: list[tuple[str, dict[str, Any], str]] = [
    ("{ events(first: 1 { totalCount } }", {}, "GRAPHQL_PARSE_FAILED"),
    ("{ events { nodes { " * 300 + "ll2Id" + " } }" * 300, {}, "GRAPHQL_PARSE_FAILED"),
    ("{ events { nope } }", {}, "GRAPHQL_VALIDATION_FAILED"),
    ("{ event(ll2Id: 1.5) { name } }", {}, "GRAPHQL_VALIDATION_FAILED"),
    ("{ events(filter: {noSuchFilter: 1}) { totalCount } }", {}, "GRAPHQL_VALIDATION_FAILED"),
    ("mutation { events { totalCount } }", {}, "GRAPHQL_VALIDATION_FAILED"),
    ("subscription { eventChanged { name } }", {}, "BAD_REQUEST"),
    ("query($n: Int) { events(first: $n) { totalCount } }", {"n": "ten"}, "INVALID_ARGUMENT"),
]


def plain_request_error(resp: httpx.Response, code: str) -> None:
    """Under plain application/json a request error is 200, with no `data`."""
    assert "data" not in check_error(resp, code, 200)
    assert resp.headers["content-type"].startswith("application/json")


def strict_request_error(resp: httpx.Response, code: str) -> None:
    """Under application/graphql-response+json a request error is 400, in that type."""
    assert "data" not in check_error(resp, code, 400)
    assert resp.headers["content-type"].startswith(GRAPHQL_RESPONSE)


async def test_request_errors_by_accept_header(api: Api) -> None:
    assert await failing_cases(api, REQUEST_ERRORS, plain_request_error) == {}
    strict = await failing_cases(api, REQUEST_ERRORS, strict_request_error, GRAPHQL_RESPONSE)
    assert strict == {}


MALFORMED_BODIES = [
    (b'{"query": "{ events { totalCount } "', "application/json"),
    (b"not json at all", "application/json"),
    (b'["{ events { totalCount } }"]', "application/json"),
    (b'{"variables": {}}', "application/json"),
    (b'{"query": 42}', "application/json"),
    (b'{"query": "{ events { totalCount } }", "variables": [1]}', "application/json"),
    (b'{"query": "{ events { totalCount } }", "operationName": 7}', "application/json"),
    (b'{"query": "{ events { totalCount } }", "extensions": "x"}', "application/json"),
    (b'{"query": "{ events { totalCount } }", "extensions": [1]}', "application/json"),
    (b"query={ events { totalCount } }", "application/x-www-form-urlencoded"),
]


async def test_malformed_http_bodies(api: Api) -> None:
    wrong = {}
    async with api.client() as c:
        for content, content_type in MALFORMED_BODIES:
            for accept in ("application/json", GRAPHQL_RESPONSE):
                headers = {"content-type": content_type, "accept": accept}
                resp = await c.post("/graphql", content=content, headers=headers)
                try:
                    check_error(resp, "BAD_REQUEST", 400)
                    assert resp.headers["content-type"].startswith(accept)
                except (AssertionError, ValueError) as exc:
                    wrong[f"{content!r} {accept}"] = f"{resp.status_code} {resp.text[:200]} {exc!r}"
    assert wrong == {}


# --- HTTP ---------------------------------------------------------------------------------


async def test_get_runs_queries(api: Api) -> None:
    resp = await api.get(
        "/graphql",
        params={
            "query": "query($n: Int) { events(first: $n) { totalCount nodes { ll2Id } } }",
            "variables": json.dumps({"n": 2}),
        },
    )
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/json")
    events = {"totalCount": 55, "nodes": [{"ll2Id": "1101"}, {"ll2Id": "1102"}]}
    assert resp.json()["data"] == {"events": events}


async def test_get_with_bad_variables(api: Api) -> None:
    resp = await api.get(
        "/graphql", params={"query": "{ events { totalCount } }", "variables": "{"}
    )
    check_error(resp, "BAD_REQUEST", 400)


async def test_get_from_a_browser_serves_graphiql(api: Api) -> None:
    resp = await api.get("/graphql", headers={"accept": "text/html,application/xhtml+xml"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert "graphiql" in resp.text.lower()


async def test_healthz(api: Api) -> None:
    resp = await api.get("/healthz")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok"}


async def test_other_methods_are_refused(api: Api) -> None:
    async with api.client() as c:
        resp = await c.put("/graphql", json={"query": "{ events { totalCount } }"})
    assert resp.status_code == 405


def test_codes_are_the_documented_ones() -> None:
    """The codes asserted here are exactly the stable set gql.errors promises."""
    from launchgraph.gql import errors

    promised = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)}
    assert promised - {"INTERNAL_SERVER_ERROR"} == STABLE_CODES
