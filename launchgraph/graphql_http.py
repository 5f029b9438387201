"""GraphQL over HTTP: POST and GET /graphql, per the GraphQL-over-HTTP specification.

`application/graphql-response+json` is answered when the client accepts it (request errors
are then 4xx); otherwise `application/json` with 200 for every well-formed request. GET
answers carry an ETag and honour If-None-Match with 304 Not Modified.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from launchgraph import access_log, inflight, observe
from launchgraph.db.version import VersionWatcher
from launchgraph.gql.context import Context
from launchgraph.gql.cost import Cost
from launchgraph.gql.errors import (
    BAD_REQUEST,
    INTERNAL,
    RATE_LIMITED,
    REQUEST_TOO_LARGE,
    TIMEOUT,
    VARIABLES_TOO_DEEP,
    VARIABLES_TOO_LARGE,
)
from launchgraph.gql.execute import Executor, Result
from launchgraph.graphiql import graphiql_page
from launchgraph.json_bounds import exceeds
from launchgraph.rate_limit import Budget, RateLimiter, client_key, limiter_from
from launchgraph.request_limits import RequestLimits
from launchgraph.response_cache import (
    Entry,
    Header,
    ResponseCache,
    etag_of,
    raw_headers,
    reply,
    respond,
)
from launchgraph.settings import Settings
from launchgraph.shared_cache import SharedCache

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
EXECUTOR_HEADER = "launchgraph-executor"
EXECUTOR_HEADER_RAW = EXECUTOR_HEADER.encode()
_INTERNAL = {
    "data": None,
    "errors": [{"message": "Internal server error.", "extensions": {"code": INTERNAL}}],
}

log = logging.getLogger("launchgraph.http")


class BadRequest(Exception):
    """The HTTP request itself is not a GraphQL request (or one refused for its size)."""

    def __init__(self, message: str, code: str = BAD_REQUEST, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


def _json_response(body: dict[str, Any], status: int, media_type: str) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type=media_type)


def _error(message: str, status: int, media_type: str, code: str = BAD_REQUEST) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return _json_response(body, status, media_type)


def _error_body(message: str, code: str) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code}}


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it is known to pass `limit` bytes: by its Content-Length
    before reading anything, else while it streams in."""
    too_large = BadRequest(
        f"The request body is larger than {limit:,} bytes.", REQUEST_TOO_LARGE, 413
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _check_variables(variables: dict[str, Any] | None, limits: RequestLimits) -> None:
    """Refuse variables too deep or too big before anything serialises or hashes them
    (orjson, used for the cache key, gives up past 254 levels)."""
    if variables is None:
        return
    passed = exceeds(variables, limits.max_variables_depth, limits.max_variables_values)
    if passed == "depth":
        raise BadRequest(
            f"`variables` are nested deeper than {limits.max_variables_depth} levels.",
            VARIABLES_TOO_DEEP,
        )
    if passed == "values":
        raise BadRequest(
            f"`variables` hold more than {limits.max_variables_values:,} values.",
            VARIABLES_TOO_LARGE,
        )


def _media_type(accept: str) -> str:
    """The media type answered to a request of this Accept header."""
    return GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accept else JSON


def _is_json(content_type: str) -> bool:
    """Whether a POST body of this Content-Type is read as JSON (no Content-Type: JSON too)."""
    return content_type.split(";")[0].strip().lower() in ("application/json", "")


def _params_from_get(request: Request) -> dict[str, Any]:
    params = request.query_params
    variables = params.get("variables")
    extensions = params.get("extensions")
    try:
        return {
            "query": params.get("query"),
            "variables": orjson.loads(variables) if variables else None,
            "operationName": params.get("operationName") or None,
            "extensions": orjson.loads(extensions) if extensions else None,
        }
    except orjson.JSONDecodeError:
        raise BadRequest("`variables` and `extensions` must be JSON objects.") from None


def _params_from_post(content_type: str, body: bytes) -> dict[str, Any]:
    if content_type.split(";")[0].strip().lower() == "application/graphql":
        return {"query": body.decode("utf-8", "replace")}
    if not _is_json(content_type):
        raise BadRequest("POST bodies must be application/json (or application/graphql).")
    try:
        params = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise BadRequest("The body is not valid JSON.") from None
    if not isinstance(params, dict):
        raise BadRequest("The body must be a JSON object with a `query`.")
    return params


def _check(params: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None]:
    query, variables, name = (
        params.get("query"),
        params.get("variables"),
        params.get("operationName"),
    )
    if not isinstance(query, str) or not query.strip():
        raise BadRequest("The request has no `query` string.")
    if variables is not None and not isinstance(variables, dict):
        raise BadRequest("`variables` must be a JSON object.")
    if name is not None and not isinstance(name, str):
        raise BadRequest("`operationName` must be a string.")
    if params.get("extensions") is not None and not isinstance(params["extensions"], dict):
        raise BadRequest("`extensions` must be a JSON object.")
    return query, variables, name


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "") and "query" not in request.query_params


class GraphQLEndpoint:
    """The /graphql endpoint: GraphiQL for browsers, GraphQL over HTTP for clients, with an
    optional response cache, and ETags on GET answers."""

    def __init__(
        self,
        executor: Executor,
        engine: AsyncEngine,
        clock: Callable[[], datetime],
        settings: Settings,
        watcher: VersionWatcher | None = None,
        shared: SharedCache | None = None,
    ) -> None:
        self.executor = executor
        self.engine = engine
        self.clock = clock
        self.settings = settings
        self.watcher = watcher
        self.limits = settings.limits
        self.cache = (
            ResponseCache(self.limits.response_cache_bytes)
            if settings.response_cache and watcher
            else None
        )
        self.limiter: RateLimiter | None = limiter_from(
            self.limits.rate_limit, self.limits.redis_url
        )
        self.heavy_turns = asyncio.Semaphore(self.limits.heavy_concurrency)
        self.shared = shared if self.cache is not None else None  # Redis, behind self.cache

    def cache_sizes(self) -> dict[str, dict[str, int]]:
        """Entries and bytes of each cache, for /metrics."""
        sizes = self.executor.cache_sizes()
        if self.cache is not None:
            sizes["response"] = self.cache.size()
        return sizes

    async def handle(self, request: Request) -> Response:
        media_type = _media_type(request.headers.get("accept", ""))
        try:
            return await self._handle(request, media_type)
        except Exception:
            # Whatever failed outside the executor is still a GraphQL response, never a bare
            # 500 page; the details go to the log only.
            log.exception("request failed: %s %s", request.method, request.url.path)
            return _json_response(_INTERNAL, 500, media_type)

    async def _handle(self, request: Request, media_type: str) -> Response:
        if request.method == "GET" and _wants_html(request):
            if self.settings.graphiql:
                return graphiql_page()
            return _error("GraphiQL is turned off.", 404, media_type)
        try:
            if request.method == "GET":
                if len(request.url.query) > self.limits.max_body_bytes:
                    raise BadRequest(
                        f"The query string is longer than {self.limits.max_body_bytes:,} bytes.",
                        REQUEST_TOO_LARGE,
                        414,
                    )
                params = _params_from_get(request)
                raw: RawKey | None = RawKey("GET", media_type, request.scope["query_string"])
            else:
                content_type = request.headers.get("content-type", "")
                body = await _read_body(request, self.limits.max_body_bytes)
                params = _params_from_post(content_type, body)
                raw = RawKey(request.method, media_type, body) if _is_json(content_type) else None
            query, variables, name = _check(params)
            _check_variables(variables, self.limits)
        except BadRequest as exc:
            return _error(str(exc), exc.status, media_type, exc.code)
        if request.method == "GET":
            prepared = self.executor.prepare(query)
            if prepared.document is not None:
                op = self.executor.operation_type(prepared.document, name)
                if op is not None and op.value != "query":
                    response = _error("GET requests may only run queries.", 405, media_type)
                    response.headers["allow"] = "POST"
                    return response
        client = self._client(request)
        budget: list[Budget] = []  # the rate-limit outcome, when there is one
        done, entry = await inflight.watched(
            request,
            self._answer(query, variables, name, media_type, client, budget, raw),
            f"{request.method} /graphql {client} {query[:300]!r}",
        )
        if not done or entry is None:
            return Response(status_code=499)
        response = respond(request, entry, self.settings.cache_max_age, _own_headers(entry))
        if budget:
            response.headers.update(budget[0].headers())
        return response

    def _client(self, request: Request) -> str:
        header = self.limits.api_key_header
        key = request.headers.get(header) if header else None
        return client_key(request.client.host if request.client else None, key)

    async def _charge(self, client: str, points: int, budget: list[Budget]) -> bool:
        if self.limiter is None:
            return True
        outcome = await self.limiter.charge(client, points)
        budget.append(outcome)
        return outcome.allowed

    async def _answer(
        self,
        query: str,
        variables: dict[str, Any] | None,
        name: str | None,
        media_type: str,
        client: str = "",
        budget: list[Budget] | None = None,
        raw: RawKey | None = None,
    ) -> Entry:
        """The answer of a request, from the cache or run; `raw`: the request as its bytes,
        under which a kept answer is kept too."""
        budget = [] if budget is None else budget
        now = self.clock()
        version = await self.watcher.version() if self.cache is not None and self.watcher else None
        key = _cache_key(media_type, query, variables, name)
        if version is not None:
            hit = await self._cached(key, version, now, client, budget, raw)
            if hit is not None:
                return hit

        heavy = contextlib.AsyncExitStack()

        async def charge(cost: Cost) -> dict[str, Any] | None:
            if not await self._charge(client, cost.points, budget):
                return _error_body(
                    f"The rate limit is spent: this query costs {cost.points:,} points.",
                    RATE_LIMITED,
                )
            if cost.nodes >= self.limits.heavy_nodes:
                # Heavy queries take turns (per worker), so light ones keep the event loop.
                await heavy.enter_async_context(self.heavy_turns)
            return None

        context = Context(self.engine, now, self.watcher if self.settings.count_cache else None)
        timeout = self.limits.request_timeout or None
        deadline = asyncio.timeout(timeout)
        timed_out = Result(
            {"errors": [_error_body(f"The request took longer than {timeout}s.", TIMEOUT)]}
        )
        try:
            async with deadline, heavy, context:
                # Cancelled at its deadline or when the client leaves: the statement stops.
                result = await context.db.stoppable(
                    self.executor.run(query, variables, name, context, charge)
                )
        except TimeoutError:
            log.warning("request timed out after %ss: %.200s", timeout, query)
            result = timed_out
        except Exception as exc:
            if deadline.expired():
                # Cancelled at its deadline, then giving its connection back failed (the
                # driver was still busy with the cancelled statement): still a timeout.
                log.warning("request timed out after %ss (%s): %.200s", timeout, exc, query)
                result = timed_out
            else:
                # A failure no executor turned into a GraphQL error: still a GraphQL
                # response (never a bare 500); the details go to the log only.
                log.exception("request failed")
                result = Result(_INTERNAL)
        cache = "miss" if self.cache is not None and version is not None else None
        document = self.executor.prepare(query).document
        operation = observe.operation(document, name)
        observe.graphql(operation, result.body, cache, document is None)
        status = 400 if result.request_error and media_type == GRAPHQL_RESPONSE else 200
        if budget and not budget[0].allowed:
            status = 429
        body = orjson.dumps(result.body)
        cost = result.body.get("extensions", {}).get("cost", {})
        observe.current().cost = cost.get("points")
        entry = Entry(
            version=version or 0,
            instant=now if context.used_now else None,
            status=status,
            media_type=media_type,
            body=body,
            etag=None,  # made below for an answer kept, else only if a GET answer needs it
            path=result.path,
            points=cost.get("points", 1),
            operation=operation[0],
            operation_type=operation[1],
        )
        if (
            self.cache is not None
            and version is not None
            and "errors" not in result.body
            # Data that changed while we read it may be half old: keep only a clean answer.
            and await self.watcher.version() == version  # type: ignore[union-attr]
        ):
            # The ETag is kept with the answer: a hit (or its 304) never hashes the body again.
            entry = replace(entry, etag=etag_of(body))
            self.cache.put(key, entry)
            if raw is not None:
                self.cache.put(raw, entry)
            if self.shared is not None:
                await self.shared.put(key, entry)
        return entry

    async def _cached(
        self,
        key: CacheKey,
        version: int,
        now: datetime,
        client: str,
        budget: list[Budget],
        raw: RawKey | None = None,
    ) -> Entry | None:
        """The cached answer of a request (from memory, else from Redis), charged to the
        client's budget (a refusal is an answer too); None: not cached. Found, it is kept
        under the request's bytes too (`raw`), for `CachedAnswers`."""
        if self.cache is None:
            return None
        hit = self.cache.get(key, version, now)
        tier = "memory"
        if hit is None and self.shared is not None:
            hit, tier = await self.shared.get(key, version, now), "redis"
            if hit is not None:
                self.cache.put(key, hit)
        if hit is None:
            return None
        if raw is not None:
            self.cache.put(raw, hit)
        return await self._charged(hit, tier, key[0], client, budget, observe.current())

    async def _charged(
        self,
        hit: Entry,
        tier: str,
        media_type: str,
        client: str,
        budget: list[Budget],
        obs: observe.Observation,
    ) -> Entry:
        """A cached answer charged to the client's budget (noted in `obs`), or the refusal."""
        if self.limiter is None or await self._charge(client, hit.points, budget):
            observe.graphql((hit.operation, hit.operation_type), None, tier, obs=obs)
            obs.cost = hit.points
            return hit
        return _rate_limited(media_type)

    async def answer_raw(
        self, key: RawKey, client: str, budget: list[Budget], obs: observe.Observation
    ) -> Entry | None:
        """The cached answer of a request known by its bytes, charged to the client's budget
        (a refusal is an answer too) and noted in `obs`; None: not cached under them (the
        endpoint then answers the request, and keeps its answer under them too)."""
        if self.cache is None or self.watcher is None:
            return None
        hit = self.cache.kept(key)
        if hit is None:
            # Before the version: on SQLite reading it is a statement, which the endpoint
            # makes again for a request not kept under its bytes.
            return None
        # Known without a statement on PostgreSQL (heard from the listener).
        version = self.watcher.known()
        if version is None:
            version = await self.watcher.version()
        if version is None or not hit.valid_for(version, self.clock()):
            return None
        return await self._charged(hit, "memory", key.media_type, client, budget, obs)


def _own_headers(entry: Entry) -> list[Header]:
    # Which execution path answered, so a fallback to the reference path is visible.
    return [(EXECUTOR_HEADER_RAW, entry.path.encode())] if entry.path else []


class RawKey(NamedTuple):
    """A request as its bytes: the method, the media type answered, and the POST body (JSON)
    or the GET query string. A kept answer is kept under it too, so that a repeated request
    is found without parsing it (a different spelling of the same request is found by its
    parsed `CacheKey`, then kept under its own bytes as well)."""

    method: str
    media_type: str
    payload: bytes


CacheKey = tuple[str, str, bytes, str | None]


def _cache_key(
    media_type: str, query: str, variables: dict[str, Any] | None, name: str | None
) -> CacheKey:
    return (media_type, query, orjson.dumps(variables, option=orjson.OPT_SORT_KEYS), name)


class CachedAnswers:
    """ASGI middleware, the app's outermost: a GraphQL request whose answer is kept under its
    bytes (`RawKey`) is answered here with raw ASGI messages, without parsing it, without the
    router and the endpoint's per-request machinery, and without request or response objects
    (those were most of a hit's time). It notes its own access line and metrics
    (`access_log.record`), so a hit does not pass through `Observed` either, and goes through
    the app's CORS options (`cors`) when the request has an Origin. Anything else goes on to
    the app, with its body intact.

    Only POST bodies of a declared length within the endpoint's limit are read here; others go
    on unread, for the endpoint to refuse or stream."""

    def __init__(
        self,
        app: ASGIApp,
        endpoint: GraphQLEndpoint,
        path: str = "/graphql",
        cors: dict[str, Any] | None = None,
    ) -> None:
        self.app = app
        self.endpoint = endpoint
        self.path = path
        self.label = access_log.ENDPOINTS.get(path, "other")
        self.limit = endpoint.limits.max_body_bytes
        self.max_age = endpoint.settings.cache_max_age
        key_header = endpoint.limits.api_key_header
        self.key_header = key_header.lower().encode("latin-1") if key_header else None
        self.wanted = {b"content-type", b"content-length", b"accept", b"if-none-match"}
        if self.key_header:
            self.wanted.add(self.key_header)
        # The same CORS options as the app's own middleware, around the sending of a hit.
        self.cors = CORSMiddleware(_send_answer, **cors) if cors else None
        if self.cors is not None:
            self.wanted.add(b"origin")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method")
        if scope["type"] != "http" or scope["path"] != self.path or method not in ("GET", "POST"):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        headers = _first(scope["headers"], self.wanted)
        if method == "POST":
            declared = headers.get(b"content-length", "")
            if (
                not _is_json(headers.get(b"content-type", ""))
                or not declared.isdigit()
                or int(declared) > self.limit
            ):
                await self.app(scope, receive, send)
                return
            try:
                payload = await _body(scope, receive)
            except ClientDisconnect:
                return  # the client left: nobody to answer
        else:
            payload = scope["query_string"]
            if len(payload) > self.limit:
                await self.app(scope, receive, send)
                return
        client = scope.get("client")
        key = headers.get(self.key_header) if self.key_header else None
        budget: list[Budget] = []
        # Current while the version is read: on SQLite that is a statement, counted in it.
        obs, token = observe.begin(self.label)
        try:
            hit = await self.endpoint.answer_raw(
                RawKey(method, _media_type(headers.get(b"accept", "")), payload),
                client_key(client[0] if client else None, key),
                budget,
                obs,
            )
        except Exception:
            log.exception("answering from the response cache failed")
            hit = None
        finally:
            observe.end(token)
        if hit is None:
            if method == "POST":
                receive = _replay(payload, receive)
            await self.app(scope, receive, send)
            return
        status, sent, content = reply(
            hit, method, headers.get(b"if-none-match"), self.max_age, _own_headers(hit)
        )
        if budget:
            sent += raw_headers(budget[0].headers())
        try:
            if self.cors is not None and b"origin" in headers:
                await self.cors({**scope, _ANSWER: (status, sent, content)}, receive, send)
            else:
                await _send(send, status, sent, content)
        finally:
            access_log.record(obs, scope, status, time.perf_counter() - start)


# Where a hit's answer waits in the scope while it goes through the CORS middleware.
_ANSWER = "launchgraph.answer"


async def _send_answer(scope: Scope, receive: Receive, send: Send) -> None:
    await _send(send, *scope[_ANSWER])


async def _send(send: Send, status: int, headers: list[Header], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _first(headers: list[tuple[bytes, bytes]], names: set[bytes]) -> dict[bytes, str]:
    """The first value of each header of `names` that the request has (as Starlette reads
    headers: names lower-cased by the server, values latin-1)."""
    found: dict[bytes, str] = {}
    for name, value in headers:
        if name in names and name not in found:
            found[name] = value.decode("latin-1")
    return found


async def _body(scope: Scope, receive: Receive) -> bytes:
    """The request's body. A body that comes in one message (as a cached request's does) is
    taken from it directly: Starlette's `Request.body()` reads through an async generator,
    which the event loop registers and finalizes, about a sixth of a hit's own time (bench/
    RESULTS.md, session 18). A body in several messages is read on by `Request.body()`."""
    message = await receive()
    if message["type"] == "http.disconnect":
        raise ClientDisconnect
    body: bytes = message.get("body", b"")
    if message.get("more_body", False):
        body += await Request(scope, receive).body()
    return body


def _replay(body: bytes, receive: Receive) -> Receive:
    """`receive`, with the body already read given again first."""
    given = False

    async def again() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


def _rate_limited(media_type: str) -> Entry:
    body = orjson.dumps(
        {"errors": [_error_body("The rate limit is spent; retry later.", RATE_LIMITED)]}
    )
    return Entry(0, None, 429, media_type, body, etag_of(body))
