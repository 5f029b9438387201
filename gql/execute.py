"""Run GraphQL requests: cached parse and validation, execution, and errors made safe.

Parsing and validating a query costs more than executing a small one, and clients send the
same few query strings again and again, so both are cached by the query text.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSyntaxError,
    OperationDefinitionNode,
    OperationType,
    execute,
    parse,
    validate,
)
from launchgraph.gql.errors import INTERNAL, INVALID_ARGUMENT, PARSE_FAILED, VALIDATION_FAILED
from launchgraph.gql.fast.executor import FastExecutor

log = logging.getLogger("launchgraph.graphql")

CACHE_SIZE = 512
MAX_QUERY_LENGTH = 100_000


@dataclass
class Result:
    """A GraphQL response body, and whether the request failed before execution started
    (GraphQL-over-HTTP then answers 4xx under application/graphql-response+json)."""

    body: dict[str, Any]
    request_error: bool = False


@dataclass
class Prepared:
    document: DocumentNode | None
    errors: list[dict[str, Any]]


def _with_code(error: GraphQLError, code: str) -> dict[str, Any]:
    formatted = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", code)
    formatted["extensions"] = extensions
    return formatted


class Executor:
    """Executes requests against one Strawberry schema."""

    def __init__(self, schema: strawberry.Schema, fast: bool = True) -> None:
        self.fast = FastExecutor(schema) if fast else None
        self.schema = schema._schema
        self.executor_class = schema.execution_context_class
        self._prepared: OrderedDict[str, Prepared] = OrderedDict()

    def prepare(self, query: str) -> Prepared:
        """Parse and validate `query`, remembering the outcome for the next identical text."""
        hit = self._prepared.get(query)
        if hit is not None:
            self._prepared.move_to_end(query)
            return hit
        if len(query) > MAX_QUERY_LENGTH:
            err = GraphQLError(f"The query is longer than {MAX_QUERY_LENGTH} characters.")
            return Prepared(None, [_with_code(err, PARSE_FAILED)])
        try:
            document = parse(query)
        except GraphQLSyntaxError as exc:
            prepared = Prepared(None, [_with_code(exc, PARSE_FAILED)])
        else:
            errors = validate(self.schema, document)
            prepared = Prepared(
                None if errors else document, [_with_code(e, VALIDATION_FAILED) for e in errors]
            )
        self._prepared[query] = prepared
        if len(self._prepared) > CACHE_SIZE:
            self._prepared.popitem(last=False)
        return prepared

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
    ) -> Result:
        prepared = self.prepare(query)
        if prepared.document is None:
            return Result({"errors": prepared.errors}, request_error=True)
        if self.fast is not None:
            body = await self.fast.run(prepared.document, operation_name, variables, context)
            if body is not None:
                return Result(body)
        result = execute(
            self.schema,
            prepared.document,
            context_value=context,
            variable_values=variables,
            operation_name=operation_name,
            executor_class=self.executor_class,
        )
        if hasattr(result, "__await__"):
            result = await result
        if not result.errors:
            return Result({"data": result.data})
        errors = [self._safe(e) for e in result.errors]
        # Errors without a path come before execution (variable coercion, unknown operation):
        # the response then carries no data at all.
        if result.data is None and all(e.path is None for e in result.errors):
            return Result({"errors": errors}, request_error=True)
        return Result({"data": result.data, "errors": errors})

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
