"""GraphQL over HTTP: POST and GET /graphql, per the GraphQL-over-HTTP specification.

`application/graphql-response+json` is answered when the client accepts it (request errors
are then 4xx); otherwise `application/json` with 200 for every well-formed request. GET
answers carry an ETag and honour If-None-Match with 304 Not Modified.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from launchgraph.db.version import VersionWatcher
from launchgraph.gql.context import Context
from launchgraph.gql.errors import BAD_REQUEST, INTERNAL
from launchgraph.gql.execute import Executor, Result
from launchgraph.graphiql import graphiql_html
from launchgraph.response_cache import Entry, ResponseCache, etag_of
from launchgraph.settings import Settings

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
EXECUTOR_HEADER = "launchgraph-executor"
_INTERNAL = {
    "data": None,
    "errors": [{"message": "Internal server error.", "extensions": {"code": INTERNAL}}],
}

log = logging.getLogger("launchgraph.http")


class BadRequest(Exception):
    """The HTTP request itself is not a GraphQL request."""


def _json_response(body: dict[str, Any], status: int, media_type: str) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type=media_type)


def _error(message: str, status: int, media_type: str) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": BAD_REQUEST}}]}
    return _json_response(body, status, media_type)


def _media_type(request: Request) -> str:
    accept = request.headers.get("accept", "")
    return GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accept else JSON


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


async def _params_from_post(request: Request) -> dict[str, Any]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type == "application/graphql":
        return {"query": body.decode("utf-8", "replace")}
    if content_type not in ("application/json", ""):
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
    ) -> None:
        self.executor = executor
        self.engine = engine
        self.clock = clock
        self.settings = settings
        self.watcher = watcher
        self.cache = ResponseCache() if settings.response_cache and watcher else None

    async def handle(self, request: Request) -> Response:
        media_type = _media_type(request)
        if request.method == "GET" and _wants_html(request):
            if self.settings.graphiql:
                return HTMLResponse(graphiql_html())
            return _error("GraphiQL is turned off.", 404, media_type)
        try:
            if request.method == "GET":
                params = _params_from_get(request)
            else:
                params = await _params_from_post(request)
            query, variables, name = _check(params)
        except BadRequest as exc:
            return _error(str(exc), 400, media_type)
        if request.method == "GET":
            prepared = self.executor.prepare(query)
            if prepared.document is not None:
                op = self.executor.operation_type(prepared.document, name)
                if op is not None and op.value != "query":
                    response = _error("GET requests may only run queries.", 405, media_type)
                    response.headers["allow"] = "POST"
                    return response
        entry = await self._answer(query, variables, name, media_type)
        return self._respond(request, entry)

    async def _answer(
        self, query: str, variables: dict[str, Any] | None, name: str | None, media_type: str
    ) -> Entry:
        now = self.clock()
        version = await self.watcher.version() if self.cache is not None and self.watcher else None
        key = (media_type, query, orjson.dumps(variables, option=orjson.OPT_SORT_KEYS), name)
        if self.cache is not None and version is not None:
            hit = self.cache.get(key, version, now)
            if hit is not None:
                return hit
        context = Context(self.engine, now)
        try:
            async with context:
                result = await self.executor.run(query, variables, name, context)
        except Exception:
            # A failure no executor turned into a GraphQL error: still a GraphQL response
            # (never a bare 500); the details go to the log only.
            log.exception("request failed")
            result = Result(_INTERNAL)
        status = 400 if result.request_error and media_type == GRAPHQL_RESPONSE else 200
        body = orjson.dumps(result.body)
        entry = Entry(
            version=version or 0,
            instant=now if context.used_now else None,
            status=status,
            media_type=media_type,
            body=body,
            etag=etag_of(body),
            path=result.path,
        )
        if (
            self.cache is not None
            and version is not None
            and "errors" not in result.body
            # Data that changed while we read it may be half old: keep only a clean answer.
            and await self.watcher.version() == version  # type: ignore[union-attr]
        ):
            self.cache.put(key, entry)
        return entry

    def _respond(self, request: Request, entry: Entry) -> Response:
        # Which execution path answered, so a fallback to the reference path is visible.
        path = {EXECUTOR_HEADER: entry.path} if entry.path else {}
        if request.method != "GET" or entry.status != 200:
            return Response(
                entry.body, status_code=entry.status, media_type=entry.media_type, headers=path
            )
        headers = {
            "etag": entry.etag,
            "cache-control": self._cache_control(),
            "vary": "accept",
            **path,
        }
        if entry.etag in _etags(request.headers.get("if-none-match", "")):
            return Response(status_code=304, headers=headers)
        return Response(entry.body, status_code=200, media_type=entry.media_type, headers=headers)

    def _cache_control(self) -> str:
        age = self.settings.cache_max_age
        return f"max-age={age}" if age > 0 else "no-cache"


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
