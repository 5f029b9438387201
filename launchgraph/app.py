"""The ASGI application: /graphql, /healthz, LL2's REST endpoints (/2.2.0/...), and the
database engine's lifetime."""

from __future__ import annotations

import contextlib
import functools
import gc
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute

from launchgraph import access_log, metrics, tracing
from launchgraph.calendar_feed import CalendarEndpoint
from launchgraph.db.changes import ChangeFeed
from launchgraph.db.engine import make_engine
from launchgraph.db.replica import ReplicaVersion
from launchgraph.db.version import VersionWatcher
from launchgraph.gql.errors import INTERNAL
from launchgraph.gql.execute import Executor
from launchgraph.gql.schema import make_schema, schema, sdl
from launchgraph.graphiql import ASSETS_PATH, graphiql_asset
from launchgraph.graphql_http import CachedAnswers, GraphQLEndpoint
from launchgraph.live import LiveEndpoint, LiveGraphQL
from launchgraph.rate_limit import RATE_LIMIT_HEADERS
from launchgraph.rest.endpoints import RestEndpoints
from launchgraph.settings import Settings
from launchgraph.shared_cache import SharedCache, namespace

Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    # Whole seconds: answers that depend on 'now' can then be cached for that second.
    return _second(int(time.time()))


@functools.lru_cache(maxsize=1)
def _second(epoch: int) -> datetime:
    # Made once a second: a response-cache hit asks the time on every request.
    return datetime.fromtimestamp(epoch, UTC)


def create_app(
    settings: Settings | None = None,
    engine: AsyncEngine | None = None,
    clock: Clock = _utcnow,
    freeze_heap: bool = False,
) -> Starlette:
    """The application. Tests pass their own engine and a fixed clock ('now' for the
    upcoming/previous lists). `freeze_heap`: see `served_app`."""
    settings = settings or Settings()
    own_engine = engine is None
    limits = settings.limits
    db = engine or make_engine(
        settings.database_url,
        statement_timeout=limits.request_timeout,
        pool_size=settings.pool_size,
    )
    # Tracing needs Strawberry's extension in the schema; without it, the shared schema.
    graph = make_schema(tracing.extensions(settings)) if settings.tracing else schema
    executor = Executor(
        graph,
        path=settings.executor,  # type: ignore[arg-type]
        limits=limits.cost,
        introspection=settings.introspection,
        cache_bytes=limits.query_cache_bytes,
        statement_cache_bytes=limits.statement_cache_bytes,
    )
    # Reads of the GraphQL path may go to a replica; the version is then the replica's own.
    reads = db
    if settings.database_read_url:
        reads = make_engine(
            settings.database_read_url,
            statement_timeout=limits.request_timeout,
            pool_size=settings.pool_size,
        )
    watcher: VersionWatcher | None = None
    if settings.response_cache or settings.count_cache:
        watcher = ReplicaVersion(reads) if reads is not db else VersionWatcher(db)
    shared = None
    if limits.redis_url:
        shared = SharedCache(limits.redis_url, namespace(settings.database_url, sdl()))
    endpoint = GraphQLEndpoint(executor, reads, clock, settings, watcher, shared)
    # Subscriptions hear of changes from the primary and read the changed objects there: a
    # replica may not have replayed the change yet.
    feed = ChangeFeed(db, metrics.SUBSCRIPTIONS.set)
    live = LiveEndpoint(LiveGraphQL(graph, db, feed, clock), settings.ws_per_client)
    # One rate-limit budget per client across /graphql and the REST endpoints.
    rest = RestEndpoints(reads, clock, settings, watcher, endpoint.limiter, endpoint.heavy_turns)

    async def healthz(_: Request) -> JSONResponse:
        try:
            async with db.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # any failure means unhealthy; say which
            return JSONResponse({"status": "unavailable", "error": type(exc).__name__}, 503)
        return JSONResponse({"status": "ok"})

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if watcher is not None:
            await watcher.start()
        await feed.start()
        if freeze_heap:
            # What startup made (the schema, the table classes, the modules: some 210,000
            # objects) lives as long as the process; frozen, the cyclic garbage collector
            # stops walking it. Unfrozen, the first full collection, a few thousand requests
            # after start, walked it all: 0.99 s of one worker at load 8, against 0.04 s
            # frozen (bench/RESULTS.md, session 17).
            gc.collect()
            gc.freeze()
        yield
        access_log.flush()
        metrics.flush()
        await feed.stop()
        if watcher is not None:
            await watcher.stop()
        if shared is not None:
            await shared.close()
        if reads is not db:
            await reads.dispose()
        if own_engine:
            await db.dispose()

    async def internal_error(_: Request, exc: Exception) -> JSONResponse:
        # Last resort: anything that escapes a handler is answered as JSON with a code.
        body = {"errors": [{"message": "Internal server error.", "extensions": {"code": INTERNAL}}]}
        return JSONResponse(body, 500)

    cors: dict[str, Any] | None = None
    if settings.cors_origins:
        cors = {
            "allow_origins": list(settings.cors_origins),
            "allow_methods": ["GET", "POST"],
            "allow_headers": ["content-type", "accept", limits.api_key_header or "x-api-key"],
            "expose_headers": ["etag", "retry-after", *RATE_LIMIT_HEADERS],
            "max_age": 600,
        }
    middleware: list[Middleware] = []
    if endpoint.cache is not None:
        # Outermost: a kept answer is sent before anything else runs; it writes its own
        # access line and metrics, and goes through the same CORS options.
        middleware.append(Middleware(CachedAnswers, endpoint=endpoint, cors=cors))
    # Then the access log and the metrics, which see every other answer, refusals included.
    middleware.append(Middleware(access_log.Observed))
    if cors is not None:
        middleware.append(Middleware(CORSMiddleware, **cors))
    routes = [
        Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", live),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/calendar.ics", CalendarEndpoint(reads, clock, settings).handle, methods=["GET"]),
        *rest.routes(),
    ]
    if settings.metrics:
        routes.append(
            Route(
                "/metrics",
                metrics.MetricsEndpoint(
                    db, lambda: endpoint.cache_sizes() | rest.cache_sizes()
                ).handle,
                methods=["GET"],
            )
        )
    metrics.count_statements(db)
    metrics.count_statements(reads)
    if settings.access_log:
        access_log.enable_stdout()
    if settings.graphiql:
        routes.append(Route(ASSETS_PATH + "/{name}", graphiql_asset, methods=["GET"]))
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={Exception: internal_error},
        lifespan=lifespan,
    )


def served_app() -> Starlette:
    """The application as `launchgraph serve` runs it in each worker process: its heap frozen
    once started (`gc.freeze`), for a process that serves until it stops. (Tests build many
    apps in one process, whose garbage must stay collectable: they use `create_app`.)"""
    return create_app(freeze_heap=True)
