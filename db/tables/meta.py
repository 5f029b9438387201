"""Bookkeeping that is not LL2 data."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from launchgraph.db.coltypes import UTCDateTime


class DataVersion(SQLModel, table=True):
    """A single row whose counter every ingest bumps, so caches know when data changed."""

    __tablename__ = "data_version"
    id: int = Field(default=1, primary_key=True)
    version: int = 0
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# Tables that are not LL2 data: writing them is not a change of the data.
BOOKKEEPING = frozenset({"data_version"})
