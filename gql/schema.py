"""The LaunchGraph GraphQL schema."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from graphql import GraphQLError

from launchgraph.gql.resolvers.query import Query
from launchgraph.gql.subscriptions import Subscription
from launchgraph.gql.types.entities import TYPES


class Schema(strawberry.Schema):
    """Strawberry's schema, less its error logging: errors are logged once, where
    gql.execute makes them safe for the client (user errors are not logged at all)."""

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        pass


def make_schema(extensions: Sequence[Any] = ()) -> Schema:
    """The schema, with Strawberry extensions (tracing) where a server asks for them."""
    # Every Node type is listed, so each is in the schema even where no field returns it.
    return Schema(
        query=Query,
        subscription=Subscription,
        types=list(TYPES.values()),
        extensions=list(extensions),
    )


schema = make_schema()


def sdl() -> str:
    """The schema in GraphQL SDL, as committed in schema.graphql."""
    return schema.as_str() + "\n"
