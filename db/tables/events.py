"""Events: the root of the LL2 graph, with their type, precision and updates."""

from __future__ import annotations

from datetime import datetime

from launchgraph.db.coltypes import UTCDateTime
from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class DatePrecision(SQLModel, table=True):
    """How precise a date is (LL2 `date_precision`, shared with a launch's `net_precision`)."""

    __tablename__ = "date_precision"
    id: int = Field(primary_key=True)
    name: str | None = None
    abbrev: str | None = None
    description: str | None = None


class EventType(SQLModel, table=True):
    """The kind of an event (Docking, Spacewalk, Flyby ...)."""

    __tablename__ = "event_type"
    id: int = Field(primary_key=True)
    name: str | None = Field(default=None, index=True)


class Event(SQLModel, table=True):
    """An LL2 event, one row per LL2 event id, columns named as LL2 names them."""

    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_date_id", "date", "id"),
        Index("ix_event_last_updated_id", "last_updated", "id"),
        Index("ix_event_name_id", "name", "id"),
        Index("ix_event_type_id_date", "type_id", "date", "id"),
    )
    id: int = Field(primary_key=True)
    url: str | None = None
    slug: str | None = Field(default=None, unique=True)
    name: str
    type_id: int | None = Field(default=None, foreign_key="event_type.id")
    description: str | None = None
    webcast_live: bool | None = None
    location: str | None = None
    news_url: str | None = None
    video_url: str | None = None
    feature_image: str | None = None
    date: datetime | None = Field(default=None, sa_type=UTCDateTime)
    date_precision_id: int | None = Field(default=None, foreign_key="date_precision.id")
    duration: str | None = None
    last_updated: datetime | None = Field(default=None, sa_type=UTCDateTime)


class EventUpdate(SQLModel, table=True):
    """A news update posted on an event (LL2 `updates`)."""

    __tablename__ = "event_update"
    id: int = Field(primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    position: int = 0
    profile_image: str | None = None
    comment: str | None = None
    info_url: str | None = None
    created_by: str | None = None
    created_on: datetime | None = Field(default=None, sa_type=UTCDateTime)
