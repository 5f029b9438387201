"""Run the examples (tests/test_gql_examples.py's browse) through Python's `gql` client (PyPI)
against a live LaunchGraph: `python -P tests/gql_client_run.py URL`. A separate process,
because the repository's own gql/ folder shadows the client inside pytest (the repository
root comes first on pytest's sys.path); here it is appended last."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parents[1]))

from gql.transport.httpx import HTTPXAsyncTransport

from gql import Client, GraphQLRequest
from tests.test_gql_examples import browse


class GqlApi:
    """browse()'s view of an API, through a gql client session."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        return await self.session.execute(GraphQLRequest(query, variable_values=variables))


async def main(url: str) -> None:
    transport = HTTPXAsyncTransport(url=url, timeout=30)
    # The client validates every document against the server's schema (introspection) first.
    async with Client(transport=transport, fetch_schema_from_transport=True) as session:
        seen = await browse(GqlApi(session))  # type: ignore[arg-type]
    print(json.dumps({"operations": sorted(seen)}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
