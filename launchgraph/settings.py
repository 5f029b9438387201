"""Runtime settings, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from launchgraph.db.engine import POOL_SIZE
from launchgraph.db.url import configured_url
from launchgraph.request_limits import RequestLimits


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.lower() not in ("0", "false", "no", "off")


EXECUTORS = ("compiled", "reference")


@dataclass(frozen=True)
class Settings:
    """DATABASE_URL picks the store; LAUNCHGRAPH_* tune the server."""

    database_url: str = field(default_factory=configured_url)
    graphiql: bool = field(default_factory=lambda: _flag("LAUNCHGRAPH_GRAPHIQL", True))
    response_cache: bool = field(default_factory=lambda: _flag("LAUNCHGRAPH_RESPONSE_CACHE", True))
    # Root lists' totalCounts kept per data version on PostgreSQL (gql.compiled.executor.Counts).
    count_cache: bool = field(default_factory=lambda: _flag("LAUNCHGRAPH_COUNT_CACHE", True))
    # Which execution path answers queries: "compiled" (SQL that renders the JSON) or
    # "reference" (Strawberry's execution with DataLoaders), to compare the two.
    executor: str = field(
        default_factory=lambda: os.environ.get("LAUNCHGRAPH_EXECUTOR", "compiled") or "compiled"
    )
    cache_max_age: int = field(
        default_factory=lambda: int(os.environ.get("LAUNCHGRAPH_CACHE_MAX_AGE", "0"))
    )
    # Hardening (issue 9): SECURITY.md lists every limit.
    introspection: bool = field(default_factory=lambda: _flag("LAUNCHGRAPH_INTROSPECTION", True))
    cors_origins: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            o.strip()
            for o in os.environ.get("LAUNCHGRAPH_CORS_ORIGINS", "").split(",")
            if o.strip()
        )
    )
    limits: RequestLimits = field(default_factory=RequestLimits)
    metrics: bool = field(default_factory=lambda: _flag("LAUNCHGRAPH_METRICS", True))
    access_log: bool = field(default_factory=lambda: _flag("LAUNCHGRAPH_ACCESS_LOG", True))
    tracing: bool = field(default_factory=lambda: _flag("LAUNCHGRAPH_TRACING", False))
    # Reads of the GraphQL path and the calendar go here when set (a streaming replica of
    # DATABASE_URL); writes, migrations and ingests always use DATABASE_URL.
    database_read_url: str | None = field(
        default_factory=lambda: os.environ.get("DATABASE_READ_URL") or None
    )
    # PostgreSQL connections each worker process keeps per engine (DATABASE_URL's, and
    # DATABASE_READ_URL's when set); requests beyond them wait for one.
    pool_size: int = field(
        default_factory=lambda: int(os.environ.get("LAUNCHGRAPH_POOL_SIZE") or POOL_SIZE)
    )
    # Websocket connections (subscriptions) one client address may hold open at once.
    ws_per_client: int = field(
        default_factory=lambda: int(os.environ.get("LAUNCHGRAPH_WS_PER_CLIENT", "8"))
    )

    def __post_init__(self) -> None:
        if self.executor not in EXECUTORS:
            raise ValueError(
                f"LAUNCHGRAPH_EXECUTOR is {self.executor!r}; use one of {', '.join(EXECUTORS)}."
            )
        if self.pool_size < 1:
            raise ValueError(f"LAUNCHGRAPH_POOL_SIZE is {self.pool_size}; it must be at least 1.")
