"""How much one request may ask of the server, from the environment (SECURITY.md lists them).

Every figure has a default that a normal client never meets and an attacker always does; each
is a LAUNCHGRAPH_* variable, so an operator changes one without touching the code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from launchgraph.gql.cost import CostLimits


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def _text(name: str, default: str = "") -> str:
    return os.environ.get(name) or default


def _cost_limits() -> CostLimits:
    base = CostLimits()
    return CostLimits(
        max_depth=_int("LAUNCHGRAPH_MAX_DEPTH", base.max_depth),
        max_aliases=_int("LAUNCHGRAPH_MAX_ALIASES", base.max_aliases),
        max_root_fields=_int("LAUNCHGRAPH_MAX_ROOT_FIELDS", base.max_root_fields),
        max_directives=_int("LAUNCHGRAPH_MAX_DIRECTIVES", base.max_directives),
        max_nodes=_int("LAUNCHGRAPH_MAX_NODES", base.max_nodes),
        list_size=_int("LAUNCHGRAPH_LIST_SIZE", base.list_size),
    )


@dataclass(frozen=True)
class RequestLimits:
    """The limits of one request, and of the caches and budgets requests share."""

    cost: CostLimits = field(default_factory=_cost_limits)
    # HTTP: bodies are refused past this many bytes, before they are read whole.
    max_body_bytes: int = field(default_factory=lambda: _int("LAUNCHGRAPH_MAX_BODY_BYTES", 65536))
    # Variables: nesting depth and number of JSON values, checked before anything serialises
    # or hashes them.
    max_variables_depth: int = field(
        default_factory=lambda: _int("LAUNCHGRAPH_MAX_VARIABLES_DEPTH", 16)
    )
    max_variables_values: int = field(
        default_factory=lambda: _int("LAUNCHGRAPH_MAX_VARIABLES_VALUES", 10_000)
    )
    # Seconds one request may run (then it is cancelled); PostgreSQL statements get the same
    # budget as statement_timeout. 0 turns both off.
    request_timeout: float = field(
        default_factory=lambda: _float("LAUNCHGRAPH_REQUEST_TIMEOUT", 10.0)
    )
    # Queries estimated at this many nodes or more are heavy: at most `heavy_concurrency` of
    # them run at once in a worker (the others wait their turn, within their time budget),
    # so a few heavy clients cannot take all of the event loop from light ones.
    heavy_nodes: int = field(default_factory=lambda: _int("LAUNCHGRAPH_HEAVY_NODES", 5000))
    heavy_concurrency: int = field(default_factory=lambda: _int("LAUNCHGRAPH_HEAVY_CONCURRENCY", 1))
    # Bytes of memory for cached answers, parsed queries and the compiled path's statements,
    # keys included; the REST endpoints' answers and statements get as much again.
    response_cache_bytes: int = field(
        default_factory=lambda: _int("LAUNCHGRAPH_RESPONSE_CACHE_BYTES", 64 * 1024 * 1024)
    )
    query_cache_bytes: int = field(
        default_factory=lambda: _int("LAUNCHGRAPH_QUERY_CACHE_BYTES", 32 * 1024 * 1024)
    )
    statement_cache_bytes: int = field(
        default_factory=lambda: _int("LAUNCHGRAPH_STATEMENT_CACHE_BYTES", 64 * 1024 * 1024)
    )
    # Points per client ("N/second|minute|hour|day", the `limits` library's notation);
    # an empty value or "0" turns rate limiting off.
    rate_limit: str = field(default_factory=lambda: _text("LAUNCHGRAPH_RATE_LIMIT", "3000/minute"))
    # A header that names the client (an API key); clients are told apart by IP without one.
    api_key_header: str = field(default_factory=lambda: _text("LAUNCHGRAPH_API_KEY_HEADER"))
    # Rate-limit budgets live in this Redis (shared by workers and instances) when set.
    redis_url: str = field(default_factory=lambda: _text("REDIS_URL"))
