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
# Requests refused for their size, their budget or their time (SECURITY.md); the query-cost
# codes (MAX_DEPTH_EXCEEDED ...) are declared in cost.py.
REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
VARIABLES_TOO_DEEP = "VARIABLES_TOO_DEEP"
VARIABLES_TOO_LARGE = "VARIABLES_TOO_LARGE"
RATE_LIMITED = "RATE_LIMITED"
TIMEOUT = "REQUEST_TIMEOUT"


class UserError(GraphQLError):
    """Bad input from the client; its message is safe and meant to be shown."""

    def __init__(self, message: str, code: str = INVALID_ARGUMENT) -> None:
        super().__init__(message, extensions={"code": code})
