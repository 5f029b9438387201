"""The GraphiQL page served at GET /graphql to browsers."""

from __future__ import annotations

from functools import cache

from strawberry.http.ides import get_graphql_ide_html


@cache
def graphiql_html() -> str:
    """GraphiQL (Strawberry's build of the page), pointed at this server's /graphql."""
    return get_graphql_ide_html("graphiql")
