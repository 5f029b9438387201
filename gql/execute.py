"""Run GraphQL requests: cached parse and validation, then one of the two execution paths,
and errors made safe.

- The compiled path (gql.compiled) turns a validated query into one SQL statement whose
  result is the response's `data` as JSON text. It answers what it models, and hands anything
  else (introspection, bad arguments, fields it does not know) to
- the reference path: Strawberry's own execution (graphql-core running the Strawberry types,
  whose relations resolve through per-request DataLoaders). It is the oracle the compiled
  path is tested against, and can be chosen for a whole server
  (LAUNCHGRAPH_EXECUTOR=reference).

Parsing and validating a query costs more than executing a small one, and clients send the
same few query strings again and again, so both are cached by the query text.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson
import strawberry
from cachetools import LRUCache
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    NoSchemaIntrospectionCustomRule,
    OperationDefinitionNode,
    OperationType,
    parse,
    specified_rules,
    validate,
)

from launchgraph.gql.compiled import CompiledExecutor, Request
from launchgraph.gql.compiled.executor import CACHE_BYTES as STATEMENT_CACHE_BYTES
from launchgraph.gql.cost import Cost, CostLimits, check, coerce_variables, measure, shape
from launchgraph.gql.errors import (
    BAD_REQUEST,
    INTERNAL,
    INVALID_ARGUMENT,
    PARSE_FAILED,
    VALIDATION_FAILED,
)
from launchgraph.gql.graphql_schema import graphql_schema

log = logging.getLogger("launchgraph.graphql")

MAX_QUERY_LENGTH = 100_000
# issue 9: the parse/validate cache is bounded in bytes. A parsed and validated document
# takes 100-200 bytes of memory per character of query text (measured with tracemalloc).
CACHE_BYTES = 32 * 1024 * 1024
_BYTES_PER_CHAR = 200


# issue 11: each prepared query also keeps the cost of the last few (operation, variables) it
# came with (walking the document for its cost took a fifth of a small query's Python time);
# variables longer than this as JSON are measured every time.
_COSTS_KEPT = 8
_COST_KEY_BYTES = 256


def _prepared_size(query: str) -> int:
    return 2048 + _COSTS_KEPT * (_COST_KEY_BYTES + 256) + _BYTES_PER_CHAR * len(query)


Path = Literal["compiled", "reference"]


@dataclass
class Result:
    """A GraphQL response body, whether the request failed before execution started
    (GraphQL-over-HTTP then answers 4xx under application/graphql-response+json), and which
    path answered it."""

    body: dict[str, Any]
    request_error: bool = False
    path: Path | None = None


@dataclass
class Prepared:
    document: DocumentNode | None
    errors: list[dict[str, Any]]
    size: int = 0  # issue 9: estimated bytes held in the cache, query text included
    # issue 11: (operation name, variables as sorted JSON) -> the cost measured for them
    costs: dict[tuple[str | None, bytes], Cost | None] = field(default_factory=dict)
    # issue 9: for a document refused on its shape before validation, the figures measured
    # (as extensions.cost reports them; its nodes were never counted)
    shape: dict[str, int] | None = None


def _with_code(error: GraphQLError, code: str) -> dict[str, Any]:
    formatted = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", code)
    formatted["extensions"] = extensions
    return formatted


class Executor:
    """Executes requests against one Strawberry schema, on the compiled path by default."""

    def __init__(
        self,
        schema: strawberry.Schema,
        path: Path = "compiled",
        # --- issue 9 (hardening); the lead re-homes these ---
        limits: CostLimits | None = None,
        introspection: bool = True,
        cache_bytes: int = CACHE_BYTES,
        statement_cache_bytes: int = STATEMENT_CACHE_BYTES,
    ) -> None:
        self.strawberry = schema
        self.schema: GraphQLSchema = graphql_schema(schema)
        self.compiled = (
            CompiledExecutor(self.schema, statement_cache_bytes) if path == "compiled" else None
        )
        # issue 9: keys (query text) are counted in the bytes; so is the parsed document.
        self._prepared: LRUCache[str, Prepared] = LRUCache(cache_bytes, getsizeof=lambda p: p.size)
        self.cost_limits = limits or CostLimits()
        self.rules = (
            specified_rules
            if introspection
            else (*specified_rules, NoSchemaIntrospectionCustomRule)
        )

    def cache_size(self) -> dict[str, int]:
        """issue 9: the parse/validate cache's entries and estimated bytes, for /metrics."""
        return {
            "entries": len(self._prepared),
            "bytes": int(self._prepared.currsize),
            "max_bytes": int(self._prepared.maxsize),
        }

    def cache_sizes(self) -> dict[str, dict[str, int]]:
        """Each cache of the executor (parsed queries; the compiled path's statements), for
        /metrics."""
        sizes = {"query": self.cache_size()}
        if self.compiled is not None:
            sizes["statement"] = self.compiled.cache_size()
        return sizes

    def cost(
        self, document: DocumentNode, operation_name: str | None, variables: dict[str, Any] | None
    ) -> Cost | None:
        """issue 9: the operation's cost, or None when its variables do not coerce (execution
        then refuses it before any SQL)."""
        coerced = coerce_variables(self.schema, document, operation_name, variables)
        if coerced is None:
            return None
        return measure(self.schema, document, operation_name, coerced, self.cost_limits)

    def _cost(
        self, prepared: Prepared, operation_name: str | None, variables: dict[str, Any] | None
    ) -> Cost | None:
        """`cost`, remembered on the prepared query for its repeats with the same variables."""
        assert prepared.document is not None
        try:
            frozen = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS) if variables else b""
        except (orjson.JSONEncodeError, TypeError):
            frozen = None  # not JSON (a caller other than HTTP): measured, not kept
        key = (operation_name, frozen) if frozen is not None else None
        if key is not None and key in prepared.costs:
            return prepared.costs[key]
        cost = self.cost(prepared.document, operation_name, variables)
        if key is not None and len(frozen or b"") <= _COST_KEY_BYTES:
            if len(prepared.costs) >= _COSTS_KEPT:
                del prepared.costs[next(iter(prepared.costs))]
            prepared.costs[key] = cost
        return cost

    def prepare(self, query: str) -> Prepared:
        """Parse and validate `query`, remembering the outcome for the next identical text."""
        hit = self._prepared.get(query)
        if hit is not None:
            return hit
        if len(query) > MAX_QUERY_LENGTH:
            err = GraphQLError(f"The query is longer than {MAX_QUERY_LENGTH} characters.")
            return Prepared(None, [_with_code(err, PARSE_FAILED)])
        try:
            document = parse(query)
        except GraphQLSyntaxError as exc:
            prepared = Prepared(None, [_with_code(exc, PARSE_FAILED)])
        else:
            prepared = self._refused_on_shape(document) or self._validated(document)
        prepared.size = _prepared_size(query)
        if prepared.size <= self._prepared.maxsize:
            self._prepared[query] = prepared
        return prepared

    def _refused_on_shape(self, document: DocumentNode) -> Prepared | None:
        """issue 9: a document past the limits its syntax shows (depth, aliases, root fields,
        directives), refused before validation, which costs far more for such a document
        (1,000 aliases: half a second) and cannot change the verdict. Kept in the cache like
        any prepared query, so a repeat costs a lookup whatever its variables."""
        figures = shape(self.schema, document)
        refused = check(figures, self.cost_limits) if figures is not None else []
        if not refused or figures is None:
            return None
        measured = figures.as_extension()
        del measured["nodes"], measured["points"]
        return Prepared(None, [e.formatted for e in refused], shape=measured)

    def _validated(self, document: DocumentNode) -> Prepared:
        errors = validate(self.schema, document, self.rules)
        return Prepared(
            None if errors else document, [_with_code(e, VALIDATION_FAILED) for e in errors]
        )

    @staticmethod
    def operation_type(document: DocumentNode, operation_name: str | None) -> OperationType | None:
        ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        for op in ops:
            if operation_name is None or (op.name and op.name.value == operation_name):
                return op.operation
        return None

    async def run(
        self,
        query: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        context: Any,
        charge: Callable[[Cost], Awaitable[dict[str, Any] | None]] | None = None,
    ) -> Result:
        """issue 9: the cost is checked against the limits before anything runs, `charge`
        (the rate limiter) may refuse it, and every response reports it."""
        prepared = self.prepare(query)
        if prepared.document is None:
            body: dict[str, Any] = {"errors": prepared.errors}
            if prepared.shape is not None:
                body["extensions"] = {"cost": prepared.shape}
            return Result(body, request_error=True)
        if self.operation_type(prepared.document, operation_name) is OperationType.SUBSCRIPTION:
            message = "Subscriptions run over a websocket (graphql-transport-ws) on /graphql."
            error = {"message": message, "extensions": {"code": BAD_REQUEST}}
            return Result({"errors": [error]}, request_error=True)
        cost = self._cost(prepared, operation_name, variables)
        if cost is None:
            return await self._execute(prepared.document, query, variables, operation_name, context)
        refused = [e.formatted for e in check(cost, self.cost_limits)]
        if not refused and charge is not None:
            refused = [r for r in [await charge(cost)] if r is not None]
        if refused:
            result = Result({"errors": refused}, request_error=True)
        else:
            result = await self._execute(
                prepared.document, query, variables, operation_name, context
            )
        result.body["extensions"] = {
            **result.body.get("extensions", {}),
            "cost": cost.as_extension(),
        }
        return result

    async def _execute(
        self,
        document: DocumentNode,
        query: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        context: Any,
    ) -> Result:
        if self.compiled is not None:
            request = Request(query, document, operation_name, variables)
            data = await self.compiled.run(request, context)
            if data is not None:
                return Result({"data": data}, path="compiled")
        return await self.reference(query, variables, operation_name, context)

    async def reference(
        self,
        query: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        context: Any,
    ) -> Result:
        """The request answered by Strawberry's execution (the reference path)."""
        result = await self.strawberry.execute(
            query,
            variable_values=variables,
            context_value=context,
            operation_name=operation_name,
        )
        if not result.errors:
            return Result({"data": result.data}, path="reference")
        errors = [self._safe(e) for e in result.errors]
        # Errors without a path come before execution (variable coercion, unknown operation):
        # the response then carries no data at all.
        if result.data is None and all(e.path is None for e in result.errors):
            return Result({"errors": errors}, request_error=True, path="reference")
        return Result({"data": result.data, "errors": errors}, path="reference")

    @staticmethod
    def _safe(error: GraphQLError) -> dict[str, Any]:
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            log.error("resolver failed at %s", error.path, exc_info=original)
            return {
                "message": "Internal server error.",
                "locations": error.formatted.get("locations"),
                "path": error.path,
                "extensions": {"code": INTERNAL},
            }
        return _with_code(error, INVALID_ARGUMENT)
