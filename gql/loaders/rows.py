"""Rows by id, one statement per batch, for every entity table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aiodataloader import DataLoader
from launchgraph.db.queries.relations import rows_by_id
from launchgraph.db.tables import metadata
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncEngine


class RowLoader(DataLoader[Any, Row[Any] | None]):
    """id -> row of one table (None where no such id)."""

    def __init__(self, engine: AsyncEngine, table: str) -> None:
        super().__init__()
        self.engine = engine
        self.table = metadata.tables[table]

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[Row[Any] | None]:
        async with self.engine.connect() as conn:
            found = await rows_by_id(conn, self.table, list(set(keys)))
        return [found.get(k) for k in keys]
