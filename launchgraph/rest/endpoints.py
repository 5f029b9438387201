"""LL2-compatible REST endpoints: each resource's routes, answered by one SQL statement
that the compiled path renders from the resource's view (launchgraph.rest.views), with the
response cache and ETags of /graphql.

A list answers {"count", "next", "previous", "results"} (LL2's limit/offset pages); a detail
the object, or 404 {"detail": "Not found."}; a bad parameter 400 {parameter: [message]}.
Upcoming and previous lists are the GraphQL root lists' timelines (gql.resolvers.roots).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import orjson
from sqlalchemy import Select, bindparam
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from launchgraph import inflight, observe
from launchgraph.db.coltypes import python_type
from launchgraph.db.queries.json_sql import JsonSQL
from launchgraph.db.queries.listings import LISTINGS
from launchgraph.db.version import VersionWatcher
from launchgraph.gql.compiled.executor import StatementCache
from launchgraph.gql.compiled.plan import ObjRoot, OffsetPage, Root
from launchgraph.gql.compiled.render import Statement
from launchgraph.gql.cost import Cost
from launchgraph.gql.resolvers.roots import ROOTS, UPCOMING_GRACE, RootList
from launchgraph.rate_limit import Budget, RateLimiter, client_key
from launchgraph.response_cache import Entry, ResponseCache, etag_of, respond
from launchgraph.rest import params, views
from launchgraph.rest.params import BadParam, Filters
from launchgraph.settings import Settings

JSON = "application/json"
NOT_FOUND = orjson.dumps({"detail": "Not found."})
INTERNAL = orjson.dumps({"detail": "Internal server error."})
log = logging.getLogger("launchgraph.rest")
# Bytes a view's statement holds (see RestEndpoints._statement), measured with tracemalloc
# (bench/RESULTS.md, issue 9): about 110 KB per object of the view (views.weight), from
# 60 KB (a 2.2.0 location) to 21 MB (a 2.3.0 launch in detailed mode, 212 objects); the base
# covers the smallest views' fixed part (a 2.2.0 launch list: 1.4 MB for 3 objects).
_STATEMENT_BASE, _STATEMENT_PER_OBJECT = 512 * 1024, 112 * 1024


@dataclass(frozen=True)
class Resource:
    """One LL2 resource under one API version: `path` (`event`, `config/launcher`), the
    listing it reads, its views by `mode` (lists answer `?mode=`, `normal` by default; a
    detail answers `detail_mode`), and for lists their filters and the GraphQL root lists
    whose timelines its upcoming/previous follow (`events` -> upcoming_events ...)."""

    version: str
    path: str
    table: str
    modes: Mapping[str, views.View]
    filters: Filters | None = None
    timelines: str | None = None
    detail_mode: str = "normal"

    def view(self, mode: str | None, default: str = "normal") -> views.View:
        return self.modes.get(mode or default) or self.modes[default]


def _one(view: views.View) -> dict[str, views.View]:
    return {"normal": view}


RESOURCES = [
    Resource("2.2.0", "event", "event", _one(views.EVENT), params.EVENTS, "events"),
    Resource("2.2.0", "launch", "launch", views.LAUNCH_MODES, params.LAUNCHES, "launches"),
    Resource("2.2.0", "agencies", "agency", _one(views.AGENCY_ENDPOINT), params.AGENCIES),
    Resource("2.2.0", "program", "program", _one(views.PROGRAM), params.PROGRAMS),
    Resource("2.2.0", "pad", "pad", _one(views.PAD), params.PADS),
    Resource("2.2.0", "location", "location", _one(views.LOCATION), params.LOCATIONS),
    Resource("2.2.0", "config/launcher", "launcher_config", _one(views.CONFIG), params.CONFIGS),
    Resource("2.2.0", "spacestation", "spacestation", _one(views.STATION), params.STATIONS),
    Resource("2.2.0", "expedition", "expedition", _one(views.EXPEDITION), params.EXPEDITIONS),
    Resource(
        "2.3.0", "events", "event", views.EVENT_MODES_3, params.EVENTS_3, "events", "detailed"
    ),
    Resource(
        "2.3.0",
        "launches",
        "launch",
        views.LAUNCH_MODES_3,
        params.LAUNCHES_3,
        "launches",
        "detailed",
    ),
    # The other 2.3.0 resources, at the addresses the `url` fields of 2.3.0 answers name.
    Resource(
        "2.3.0", "agencies", "agency", views.AGENCY_MODES_3, params.AGENCIES, None, "detailed"
    ),
    Resource("2.3.0", "programs", "program", _one(views.PROGRAM_3), params.PROGRAMS),
    Resource("2.3.0", "pads", "pad", _one(views.PAD_3), params.PADS),
    Resource("2.3.0", "locations", "location", _one(views.LOCATION_3), params.LOCATIONS),
    Resource(
        "2.3.0",
        "launcher_configurations",
        "launcher_config",
        views.CONFIG_MODES_3,
        params.CONFIGS,
        None,
        "detailed",
    ),
    Resource("2.3.0", "space_stations", "spacestation", _one(views.STATION_3), params.STATIONS),
    Resource("2.3.0", "expeditions", "expedition", _one(views.EXPEDITION_3), params.EXPEDITIONS),
]

TIMELINES = {root.name: root for root in ROOTS if isinstance(root, RootList) and root.bound}


def _key_of(resource: Resource, text: str) -> Any:
    """The row key in a detail path; None where it cannot be one (an id that is not a number)."""
    kind = python_type(LISTINGS[resource.table].table.c.id.type)
    try:
        return kind(text)
    except ValueError:
        return None


def _page_url(request: Request, limit: int, offset: int | None) -> str:
    """The request's address with another page, parameters sorted as LL2 writes them."""
    query = dict(request.query_params)
    query["limit"] = str(limit)
    query.pop("offset", None)
    if offset:
        query["offset"] = str(offset)
    return str(request.url.replace(query=urlencode(sorted(query.items()))))


class RestEndpoints:
    """The routes of every resource, under the limits of /graphql: the response cache, the
    clients' rate-limit budgets (shared with /graphql through its limiter), the heavy-query
    turns (its semaphore), the request deadline, the cancellation of a request whose client
    went away, and the cap on the query string's length."""

    def __init__(
        self,
        engine: AsyncEngine,
        clock: Callable[[], datetime],
        settings: Settings,
        watcher: VersionWatcher | None = None,
        limiter: RateLimiter | None = None,
        heavy_turns: asyncio.Semaphore | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.settings = settings
        self.watcher = watcher
        self.limits = settings.limits
        self.limiter = limiter
        self.heavy_turns = heavy_turns or asyncio.Semaphore(self.limits.heavy_concurrency)
        self.cache = (
            ResponseCache(self.limits.response_cache_bytes)
            if settings.response_cache and watcher
            else None
        )
        self._statements: StatementCache[Select[Any]] = StatementCache(
            self.limits.statement_cache_bytes
        )

    def cache_sizes(self) -> dict[str, dict[str, int]]:
        """Entries and bytes of each cache, for /metrics."""
        sizes = {"rest_statement": self._statements.size()}
        if self.cache is not None:
            sizes["rest_response"] = self.cache.size()
        return sizes

    def routes(self) -> list[Route]:
        out = []
        for res in RESOURCES:
            prefix = f"/{res.version}/{res.path}"
            if res.filters is not None:
                out.append(Route(f"{prefix}/", self._handler(res, "all")))
            if res.timelines is not None:
                out.append(Route(f"{prefix}/upcoming/", self._handler(res, "upcoming")))
                out.append(Route(f"{prefix}/previous/", self._handler(res, "previous")))
            out.append(Route(prefix + "/{key}/", self._handler(res, "detail")))
        return out

    def _handler(self, resource: Resource, kind: str) -> Callable[[Request], Any]:
        # The route's template labels the request in the access log and the metrics (one
        # label per route, whatever the ids asked for).
        tail = {"all": "", "upcoming": "upcoming/", "previous": "previous/", "detail": "{id}/"}
        template = f"/{resource.version}/{resource.path}/{tail[kind]}"

        async def handle(request: Request) -> Response:
            obs = observe.current()
            obs.endpoint, obs.operation, obs.operation_type = "rest", template, "query"
            client = self._client(request)
            done, response = await inflight.watched(
                request,
                self._respond(request, resource, kind, client),
                f"GET {template} {client} {request.url.query[:300]!r}",
            )
            if not done or response is None:
                return Response(status_code=499)
            status = response.status_code
            obs.outcome = "ok" if status < 400 else "internal" if status == 500 else "request_error"
            return response

        return handle

    async def _respond(
        self, request: Request, resource: Resource, kind: str, client: str
    ) -> Response:
        budget: Budget | None = None
        if len(request.url.query) > self.limits.max_body_bytes:
            text = f"The query string is longer than {self.limits.max_body_bytes:,} bytes."
            entry = _entry(0, None, 414, orjson.dumps({"detail": text}))
        else:
            nodes = self._nodes(request, resource, kind)
            observe.current().cost = Cost(nodes=nodes).points
            budget = await self._charge(client, nodes)
            if budget is not None and not budget.allowed:
                wait = budget.headers().get("retry-after", "1")
                text = f"Request was throttled. Expected available in {wait} seconds."
                entry = _entry(0, None, 429, orjson.dumps({"detail": text}))
            else:
                entry = await self._answer(request, resource, kind, nodes)
        response = respond(request, entry, self.settings.cache_max_age)
        if budget is not None:
            response.headers.update(budget.headers())
        return response

    def _client(self, request: Request) -> str:
        header = self.limits.api_key_header
        return client_key(
            request.client.host if request.client else None,
            request.headers.get(header) if header else None,
        )

    def _nodes(self, request: Request, resource: Resource, kind: str) -> int:
        """The answer's nodes, as GraphQL's cost counts them: its objects (LL2's nested
        lists count as plain lists do) times the page's rows."""
        mode = request.query_params.get("mode")
        if kind == "detail":
            return views.weight(resource.view(mode, resource.detail_mode))
        return views.weight(resource.view(mode)) * params.page(request.query_params)[0]

    async def _charge(self, client: str, nodes: int) -> Budget | None:
        """Charge the client's budget what a GraphQL query of as many nodes costs."""
        if self.limiter is None:
            return None
        return await self.limiter.charge(client, Cost(nodes=nodes).points)

    async def _answer(self, request: Request, resource: Resource, kind: str, nodes: int) -> Entry:
        now = self.clock()
        version = await self.watcher.version() if self.cache is not None and self.watcher else None
        key = ("rest", str(request.url))
        if self.cache is not None and version is not None:
            hit = self.cache.get(key, version, now)
            observe.current().cache = "miss" if hit is None else "memory"
            if hit is not None:
                return hit
        used_now = kind in ("upcoming", "previous")
        timeout = self.limits.request_timeout or None
        deadline = asyncio.timeout(timeout)
        late = _entry(
            0, None, 503, orjson.dumps({"detail": f"The request took longer than {timeout}s."})
        )
        # Heavy answers take turns with GraphQL's heavy queries (one semaphore per worker).
        heavy = self.heavy_turns if nodes >= self.limits.heavy_nodes else contextlib.nullcontext()
        try:
            async with deadline, heavy, self.engine.connect() as conn:
                built = self._statement(request, resource, kind, now, conn.dialect.name)
                if built is None:
                    return _entry(0, None, 404, NOT_FOUND)
                text = (await conn.execute(*built)).scalar_one()
        except BadParam as exc:
            return _entry(0, None, 400, orjson.dumps({exc.param: [exc.message]}))
        except TimeoutError:
            log.warning("REST request timed out after %ss: %s", timeout, request.url)
            return late
        except Exception:
            if deadline.expired():
                # Cancelled at its deadline, then giving the connection back failed.
                log.warning("REST request timed out after %ss: %s", timeout, request.url)
                return late
            # Never a stack trace to the client; the details go to the log only.
            log.exception("REST request failed: %s", request.url)
            return _entry(0, None, 500, INTERNAL)
        body = NOT_FOUND if text is None else text.encode()
        entry = _entry(version or 0, now if used_now else None, 200 if text else 404, body)
        if (
            self.cache is not None
            and version is not None
            and await self.watcher.version() == version  # type: ignore[union-attr]
        ):
            self.cache.put(key, entry)
        return entry

    def _statement(
        self, request: Request, resource: Resource, kind: str, now: datetime, dialect: str
    ) -> tuple[Select[Any], dict[str, Any]] | None:
        """The statement of a request and its parameters; None for a key no row can have.

        Building a statement costs more than running it (a view is dozens of frames), so
        statements are kept: a detail's for every key (the key is a parameter), a list's
        for its request (and instant, for a timeline)."""
        base = f"{str(request.base_url).rstrip('/')}/{resource.version}"
        if kind == "detail":
            key = _key_of(resource, request.path_params["key"])
            if key is None:
                return None
            mode = request.query_params.get("mode")
            cache_key: tuple[Any, ...] = (
                resource.path,
                resource.version,
                base,
                dialect,
                mode if mode in resource.modes else None,
            )
            binds = {"rest_key": key}
        else:
            cache_key = (str(request.url), dialect, None if kind == "all" else now)
            binds = {}
        statement = self._statements.get(cache_key)
        if statement is None:
            root = self._root(request, resource, kind, now, base)
            statement = Statement(JsonSQL(dialect)).document(root)
            mode = request.query_params.get("mode")
            view = resource.view(mode, resource.detail_mode if kind == "detail" else "normal")
            weight = views.weight(view)
            self._statements.put(
                cache_key, statement, _STATEMENT_BASE + _STATEMENT_PER_OBJECT * weight
            )
        return statement, binds

    def _root(
        self, request: Request, resource: Resource, kind: str, now: datetime, base: str
    ) -> Root:
        if kind == "detail":
            chosen = resource.view(request.query_params.get("mode"), resource.detail_mode)
            return ObjRoot(bindparam("rest_key"), views.obj(chosen, base))
        obj = views.obj(resource.view(request.query_params.get("mode")), base)
        assert resource.filters is not None
        query: Mapping[str, str] = request.query_params
        criteria = resource.filters.criteria(query)
        order = resource.filters.ordering(query.get("ordering"))
        if kind != "all":
            timeline = TIMELINES[f"{kind}_{resource.timelines}"]
            assert timeline.bound is not None
            criteria |= timeline.bound(now + _grace(kind, query))
            order = order or list(timeline.order)
        limit, offset = params.page(query)
        keys = LISTINGS[resource.table].keys(order or None)
        previous = None
        if offset > 0:
            previous = _page_url(request, limit, offset - limit if offset > limit else None)
        following = _page_url(request, limit, offset + limit)
        return OffsetPage(resource.table, criteria, keys, limit, offset, obj, following, previous)


def _grace(kind: str, query: Mapping[str, str]) -> timedelta:
    """LL2's hide_recent_previous=true: an upcoming list without its day of grace (what
    happened in the last day, which upcoming lists by default), so it starts at now."""
    text = query.get("hide_recent_previous")
    if kind != "upcoming" or text is None:
        return timedelta()
    try:
        hide = params.boolean(text)
    except ValueError as exc:
        raise BadParam("hide_recent_previous", str(exc)) from None
    return UPCOMING_GRACE if hide else timedelta()


def _entry(version: int, instant: datetime | None, status: int, body: bytes) -> Entry:
    return Entry(version, instant, status, JSON, body, etag_of(body))
