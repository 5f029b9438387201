"""The compiled path's entry point: plan, render, run one statement, splice its JSON."""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

import orjson
from graphql import DocumentNode, GraphQLSchema
from sqlalchemy import Select

from launchgraph.gql.compiled.plan import Fallback, plan
from launchgraph.gql.compiled.render import Renderer

log = logging.getLogger("launchgraph.compiled")

# Statements kept for the requests clients repeat (the same document and variables).
STATEMENTS = 256


class CompiledExecutor:
    """Answers the queries its plans model; None hands a request to the reference path."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self.renderers = {name: Renderer(name) for name in ("postgresql", "sqlite")}
        # Building a statement costs more than SQLAlchemy's cached compilation of it; a
        # repeated request (same document, variables and dialect) reuses the one built.
        # Answers that depend on the clock are keyed by the instant too.
        self._statements: OrderedDict[Any, Select[Any] | None] = OrderedDict()

    def _statement(
        self,
        query: str,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        context: Any,
        dialect: str,
    ) -> Select[Any] | None:
        frozen = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS)
        key = (query, operation_name, frozen, dialect)
        timed = (*key, context.instant)
        for candidate in (key, timed):
            if candidate in self._statements:
                self._statements.move_to_end(candidate)
                if candidate is timed:
                    context.now  # noqa: B018 (the answer depends on the clock: say so)
                return self._statements[candidate]
        try:
            planned = plan(self.schema, document, operation_name, variables, lambda: context.now)
            statement: Select[Any] | None = self.renderers[dialect].statement(planned)
        except Fallback:
            planned, statement = None, None
        self._statements[timed if planned is not None and planned.used_now else key] = statement
        if len(self._statements) > STATEMENTS:
            self._statements.popitem(last=False)
        return statement

    async def run(
        self,
        query: str,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        context: Any,
    ) -> orjson.Fragment | None:
        """The response's `data`, as JSON text ready to embed, or None."""
        async with context.db.connection() as conn:
            statement = self._statement(
                query, document, operation_name, variables, context, conn.dialect.name
            )
            if statement is None:
                return None
            try:
                text = (await conn.execute(statement)).scalar_one()
            except Exception:
                # The reference path answers instead (and reports any error its own way);
                # a failure here is a bug of the compiler, so it is logged.
                log.warning(
                    "compiled statement failed; answering on the reference path", exc_info=True
                )
                await conn.rollback()
                return None
        return orjson.Fragment(text)
