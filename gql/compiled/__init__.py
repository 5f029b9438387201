"""The compiled path: a validated query becomes one SQL statement that renders the
response's `data` as JSON (PostgreSQL's json_build_object, SQLite's JSON1 functions)."""

from launchgraph.gql.compiled.executor import CompiledExecutor, Request

__all__ = ["CompiledExecutor", "Request"]
