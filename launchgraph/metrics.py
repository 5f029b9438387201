"""Prometheus metrics (prometheus-client) and the GET /metrics exposition.

With several worker processes (`launchgraph serve --workers N`) each worker counts on its own;
prometheus-client's multiprocess mode adds them up when PROMETHEUS_MULTIPROC_DIR names an
empty folder shared by the workers (`serve` sets one up when it starts more than one).
"""

from __future__ import annotations

import collections
import functools
import os
import time
from collections.abc import Callable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response

from launchgraph.db import statements
from launchgraph.db.status import data_status
from launchgraph.loop_turns import TurnBuffer
from launchgraph.observe import Observation, current

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter(
    "launchgraph_requests",
    "HTTP requests by endpoint, GraphQL operation and outcome.",
    ["endpoint", "operation", "outcome"],
)
LATENCY = Histogram(
    "launchgraph_request_duration_seconds",
    "Time to answer a request, by endpoint and GraphQL operation type.",
    ["endpoint", "operation_type"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
CACHE = Counter(
    "launchgraph_response_cache",
    "GraphQL requests the response cache was asked for, by the tier that answered (or miss).",
    ["result"],
)
SHARED_CACHE_ERRORS = Counter(
    "launchgraph_shared_cache_errors",
    "Redis errors of the shared response cache (each one falls back to the in-memory tier).",
)
STATEMENTS = Counter("launchgraph_sql_statements", "SQL statements run by this server.")
DATA_VERSION = Gauge(
    "launchgraph_data_version",
    "The data version this server knows (every ingest or sync bumps it).",
    multiprocess_mode="max",
)
DATA_CHANGED = Gauge(
    "launchgraph_data_changed_timestamp_seconds",
    "When an ingest or sync last changed the data (Unix time).",
    multiprocess_mode="max",
)
CACHE_SIZE = Gauge(
    "launchgraph_cache_size",
    "Entries and bytes held by the caches (response, query, statement, rest_response, "
    "rest_statement) and their bound; with "
    "several workers, each worker's figures as of the last scrape it answered.",
    ["cache", "measure"],
    multiprocess_mode="livesum",
)
SUBSCRIPTIONS = Gauge(
    "launchgraph_subscriptions",
    "GraphQL subscriptions open on this server.",
    multiprocess_mode="livesum",
)
INGEST_OBJECTS = Counter(
    "launchgraph_ingest_objects", "LL2 objects taken by ingests and syncs in this process."
)
INGEST_FILES = Counter(
    "launchgraph_ingest_files",
    "Files (or sync pages) ingested in this process, by outcome.",
    ["outcome"],
)
INGEST_LAST = Gauge(
    "launchgraph_ingest_last_success_timestamp_seconds",
    "When this process last finished an ingest that loaded something (Unix time).",
    multiprocess_mode="max",
)

SYNC_PAGES = Counter(
    "launchgraph_sync_pages", "LL2 pages the sync committed, by endpoint.", ["endpoint"]
)
SYNC_OBJECTS = Counter(
    "launchgraph_sync_objects", "LL2 objects the sync committed, by endpoint.", ["endpoint"]
)
SYNC_REMAINING = Gauge(
    "launchgraph_sync_remaining_objects",
    "Objects the LL2 server says are still to come in the sync's current run, by endpoint.",
    ["endpoint"],
    multiprocess_mode="max",
)
SYNC_ETA = Gauge(
    "launchgraph_sync_eta_seconds",
    "When the current run's remaining pages can have been requested (the API budget's ETA).",
    ["endpoint"],
    multiprocess_mode="max",
)
SYNC_LAST = Gauge(
    "launchgraph_sync_last_page_timestamp_seconds",
    "When the sync last committed a page (Unix time).",
    multiprocess_mode="max",
)
PORT_ENV = "LAUNCHGRAPH_METRICS_PORT"

# A client names its operations: keep the label set bounded whatever it sends.
MAX_OPERATIONS = 200
_operations: set[str] = set()


def _operation_label(obs: Observation) -> str:
    if obs.operation_type is None:
        return ""
    name = obs.operation or "(anonymous)"
    if name in _operations:
        return name
    if len(_operations) < MAX_OPERATIONS:
        _operations.add(name)
        return name
    return "(other)"


# A metric's child for a set of label values, looked up once: labels() checks and locks on
# every call, a tenth of a response-cache hit's time. (The label sets are bounded: endpoints,
# MAX_OPERATIONS operation names, outcomes, cache tiers.)
_requests = functools.lru_cache(maxsize=4096)(REQUESTS.labels)
_latency = functools.lru_cache(maxsize=256)(LATENCY.labels)
_cache = functools.lru_cache(maxsize=16)(CACHE.labels)


def record_request(obs: Observation, status: int, seconds: float) -> None:
    outcome = obs.outcome or ("ok" if status < 400 else "error")
    _counted.add(_requests(obs.endpoint, _operation_label(obs), outcome))
    _latency(obs.endpoint, obs.operation_type or "").observe(seconds)
    if obs.cache is not None:
        _counted.add(_cache(obs.cache))


def _add_counts(children: list[Any]) -> None:
    for child, times in collections.Counter(children).items():
        child.inc(times)


# The request counts of one turn of the loop, added when it ends: one addition per counter
# instead of one per request (each writes the shared file in multiprocess mode).
_counted: TurnBuffer[Any] = TurnBuffer(_add_counts, most=1024)


def flush() -> None:
    """Add the request counts not yet added (a scrape and the server's shutdown call this;
    another worker's, at most its current turn's, follow when that turn ends)."""
    _counted.flush()


def record_ingest(objects: int, files: int, refused: int) -> None:
    """Count an ingest or a sync round (the sync sidecar calls this after each one)."""
    INGEST_OBJECTS.inc(objects)
    INGEST_FILES.labels("ok").inc(files)
    INGEST_FILES.labels("refused").inc(refused)
    if files:
        INGEST_LAST.set(time.time())


def record_sync_page(endpoint: str, objects: int, done: int, total: int, eta: float) -> None:
    """Count one committed sync page (the sync sidecar calls this for every page)."""
    SYNC_PAGES.labels(endpoint).inc()
    SYNC_OBJECTS.labels(endpoint).inc(objects)
    SYNC_REMAINING.labels(endpoint).set(max(0, total - done))
    SYNC_ETA.labels(endpoint).set(eta)
    SYNC_LAST.set(time.time())


def serve_from_env() -> int | None:
    """For processes without an HTTP server (the sync sidecar): serve /metrics on
    LAUNCHGRAPH_METRICS_PORT when it is set; returns the port."""
    port = os.environ.get(PORT_ENV)
    if not port:
        return None
    start_http_server(int(port))
    return int(port)


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus text format, summed over workers in multiprocess mode."""
    flush()
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def _on_statement(_statement: str) -> None:
    current().statements += 1
    STATEMENTS.inc()


def count_statements(engine: AsyncEngine) -> None:
    """Count every SQL statement the engine runs, for this process and for the request being
    served (idempotent: an engine shared by several apps is counted once)."""
    statements.listen(engine, _on_statement)


class MetricsEndpoint:
    """GET /metrics; the data version and its last change are read from the database at
    each scrape, so they show ingests and syncs made by any process."""

    def __init__(
        self, engine: AsyncEngine, cache_sizes: Callable[[], dict[str, dict[str, int]]]
    ) -> None:
        self.engine = engine
        self.cache_sizes = cache_sizes

    async def handle(self, _: Request) -> Response:
        try:
            async with self.engine.connect() as conn:
                version, changed = await data_status(conn)
        except Exception:  # the database being down must not hide the other metrics
            pass
        else:
            DATA_VERSION.set(version)
            if changed is not None:
                DATA_CHANGED.set(changed.timestamp())
        for cache, measures in self.cache_sizes().items():
            for measure, value in measures.items():
                CACHE_SIZE.labels(cache, measure).set(value)
        body, media_type = exposition()
        return Response(body, media_type=media_type)
