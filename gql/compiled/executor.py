"""Placeholder while the compiler is written."""

from __future__ import annotations

from typing import Any

from graphql import DocumentNode, GraphQLSchema


class CompiledExecutor:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema

    async def run(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        context: Any,
    ) -> Any:
        return None
