"""Errors a client can act on, each with a stable `extensions.code`."""

from __future__ import annotations

from graphql import GraphQLError

# Stable codes: clients branch on these, so never rename one.
INVALID_ARGUMENT = "INVALID_ARGUMENT"
INVALID_CURSOR = "INVALID_CURSOR"
INVALID_ID = "INVALID_ID"
PAGE_SIZE_EXCEEDED = "PAGE_SIZE_EXCEEDED"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_REQUEST = "BAD_REQUEST"
INTERNAL = "INTERNAL_SERVER_ERROR"


class UserError(GraphQLError):
    """Bad input from the client; its message is safe and meant to be shown."""

    def __init__(self, message: str, code: str = INVALID_ARGUMENT) -> None:
        super().__init__(message, extensions={"code": code})
