"""What one HTTP request did, noted by whichever code knows it (the GraphQL endpoint knows the
operation, the cache knows whether it hit, an engine event counts SQL statements), read by the
access log and the metrics when the response is sent.

The note travels in a context variable set by the `Observed` middleware, so code deep in the
call (an SQLAlchemy event, a cache tier) can add to it without being handed it.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass
from typing import Any

from graphql import DocumentNode
from graphql.utilities import get_operation_ast

from launchgraph.gql.errors import INTERNAL


@dataclass
class Observation:
    """One request, as the access log prints it and the metrics count it."""

    endpoint: str = "other"
    operation: str | None = None  # the GraphQL operation's name (None: anonymous)
    operation_type: str | None = None  # query, mutation, subscription
    outcome: str | None = None  # ok, errors, request_error, internal (GraphQL requests)
    cache: str | None = None  # the tier that answered ("memory", "redis"), "miss", None: none
    cost: int | None = None  # the query's cost, where a cost limit computed it
    statements: int = 0  # SQL statements run for this request


_current: contextvars.ContextVar[Observation | None] = contextvars.ContextVar(
    "launchgraph_observation", default=None
)
# Outside a request (ingest, tests calling code directly) notes go here and are never read.
_DISCARDED = Observation()


def current() -> Observation:
    """The observation of the request being served (a throwaway one outside requests)."""
    return _current.get() or _DISCARDED


def begin(endpoint: str) -> tuple[Observation, contextvars.Token[Observation | None]]:
    obs = Observation(endpoint=endpoint)
    return obs, _current.set(obs)


def end(token: contextvars.Token[Observation | None]) -> None:
    _current.reset(token)


def operation(document: DocumentNode | None, name: str | None) -> tuple[str | None, str | None]:
    """The name and the type of the operation a request runs (None, None: none found)."""
    op = get_operation_ast(document, name) if document is not None else None
    if op is None:
        return None, None
    return (op.name.value if op.name else None), op.operation.value


def graphql(
    operation: tuple[str | None, str | None],
    body: dict[str, Any] | None,
    cache: str | None,
    request_error: bool = False,
    obs: Observation | None = None,
) -> None:
    """Note a GraphQL request: its operation (name, type), how it ended (from the response
    body; None: a cached answer, always clean), and the cache tier; in `obs`, else in the
    current request's observation."""
    obs = obs if obs is not None else current()
    if operation[1] is not None:
        obs.operation, obs.operation_type = operation
    obs.cache = cache
    obs.outcome = "ok" if body is None else outcome(body, request_error)


def outcome(body: dict[str, Any], request_error: bool) -> str:
    errors = body.get("errors")
    if not errors:
        return "ok"
    if any((e.get("extensions") or {}).get("code") == INTERNAL for e in errors):
        return "internal"
    return "request_error" if request_error or body.get("data") is None else "errors"
