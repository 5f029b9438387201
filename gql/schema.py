"""The LaunchGraph GraphQL schema."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError

from launchgraph.gql.resolvers.query import Query
from launchgraph.gql.types.entities import TYPES


class Schema(strawberry.Schema):
    """Strawberry's schema, less its error logging: errors are logged once, where
    gql.execute makes them safe for the client (user errors are not logged at all)."""

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        pass


# Listed so every Node type is in the schema even where no field returns it directly.
schema = Schema(query=Query, types=list(TYPES.values()))


def sdl() -> str:
    """The schema in GraphQL SDL, as committed in schema.graphql."""
    return schema.as_str() + "\n"
