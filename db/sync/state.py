"""How far each LL2 endpoint was read (the sync_state table)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from launchgraph.db.sync.pages import Mark
from launchgraph.db.tables.meta import SyncState

_TABLE = SyncState.__table__


async def read(conn: AsyncConnection, source: str) -> Mark:
    """The stored mark of an endpoint (an empty one before its first page)."""
    row = (
        await conn.execute(
            select(_TABLE.c.last_updated, _TABLE.c.ties).where(_TABLE.c.source == source)
        )
    ).first()
    return Mark(row.last_updated, row.ties) if row else Mark()


async def save(
    conn: AsyncConnection, source: str, mark: Mark | None = None, finished: bool = False
) -> None:
    """Record a committed page's mark (in the page's transaction), and/or that a run read
    the endpoint to its end."""
    now = datetime.now(UTC)
    values: dict[str, object] = {"source": source}
    if mark is not None:
        values.update(last_updated=mark.last_updated, ties=mark.ties, page_at=now)
    if finished:
        values["finished_at"] = now
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(_TABLE).values(**values)
    changes = {k: v for k, v in values.items() if k != "source"}
    await conn.execute(insert.on_conflict_do_update(index_elements=["source"], set_=changes))
