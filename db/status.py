"""The state of the data as operators watch it: its version and when it last changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db.tables.meta import DataVersion


async def data_status(conn: AsyncConnection) -> tuple[int, datetime | None]:
    """(data version, when an ingest last bumped it); (0, None) before the first ingest."""
    table = DataVersion.__table__
    row = (
        await conn.execute(select(table.c.version, table.c.updated_at).where(table.c.id == 1))
    ).first()
    return (int(row.version), row.updated_at) if row is not None else (0, None)
