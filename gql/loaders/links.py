"""Small lists hanging off an owner (event.launches, event.updates ...): one statement per
batch of owners, rows in LL2's order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiodataloader import DataLoader
from launchgraph.db.queries.relations import LINKED, OWNED
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncEngine


class ListLoader(DataLoader[Any, list[Row[Any]]]):
    """owner id -> its rows along one named relation of db.queries.relations."""

    def __init__(self, engine: AsyncEngine, relation: str) -> None:
        super().__init__()
        self.engine = engine
        self.relation = LINKED.get(relation) or OWNED[relation]

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[list[Row[Any]]]:
        async with self.engine.connect() as conn:
            found = await self.relation.fetch(conn, list(set(keys)))
        return [found.get(k, []) for k in keys]
