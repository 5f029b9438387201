"""Bookkeeping that is not LL2 data."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from launchgraph.db.coltypes import UTCDateTime


class DataVersion(SQLModel, table=True):
    """A single row whose counter every ingest that changed data bumps, so caches know."""

    __tablename__ = "data_version"
    id: int = Field(default=1, primary_key=True)
    version: int = 0
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SyncState(SQLModel, table=True):
    """How far `launchgraph sync` has read one LL2 list endpoint, ordered by last_updated.

    Written in the same transaction as each page's data, so after a stop at any moment the
    next run asks for exactly what is not committed yet. (No field descriptions: a described
    column is an LL2 field, and these are bookkeeping.)
    """

    __tablename__ = "sync_state"
    # The endpoint's URL, e.g. https://ll.thespacedevs.com/2.3.0/events/
    source: str = Field(primary_key=True)
    # last_updated of the newest object committed (None: nothing yet).
    last_updated: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # How many committed objects carry exactly that last_updated: the next request asks from
    # that stamp again and skips them with its offset.
    ties: int = 0
    # When the last page was committed, and when a run last read the endpoint to its end.
    page_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# Tables that are not LL2 data: writing them is not a change of the data.
BOOKKEEPING = frozenset({"data_version", "sync_state"})
