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
    next run asks for exactly what is not committed yet.
    """

    __tablename__ = "sync_state"
    source: str = Field(
        primary_key=True,
        description="The endpoint's URL, e.g. https://ll.thespacedevs.com/2.3.0/events/",
    )
    last_updated: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="last_updated of the newest object committed (None: nothing yet)",
    )
    ties: int = Field(
        default=0,
        description="How many committed objects carry exactly that last_updated (skipped "
        "with an offset when the next request asks from it again)",
    )
    page_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When the last page was committed"
    )
    finished_at: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="When a run last read the endpoint to its end",
    )


# Tables that are not LL2 data: writing them is not a change of the data.
BOOKKEEPING = frozenset({"data_version", "sync_state"})
