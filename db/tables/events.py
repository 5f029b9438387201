"""Events: the root of the LL2 graph, with their type, precision and updates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field

from launchgraph.db.coltypes import UTCDateTime
from launchgraph.db.tables.eras import text_of
from launchgraph.db.tables.objects import ll2_object


class DatePrecision(ll2_object("precision", served=False), table=True):
    """How precise a date is (LL2 `date_precision`, also a launch's `net_precision`)."""

    __tablename__ = "date_precision"
    name: str | None = Field(default=None, description="Name (Second, Hour, Month, Year ...).")
    abbrev: str | None = Field(default=None, description="Abbreviation.")
    description: str | None = Field(default=None, description="What the precision means.")


class EventType(ll2_object("event type", served=False), table=True):
    """A kind of event (Docking, Spacewalk, Flyby ...)."""

    __tablename__ = "event_type"
    name: str | None = Field(default=None, index=True, description="Name of the type.")


class Event(ll2_object("event"), table=True):
    """Something that happens in spaceflight: a docking, a spacewalk, a landing, a flyby ...,
    linked to launches, programs, agencies, space stations and expeditions."""

    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_date_id", "date", "id"),
        Index("ix_event_last_updated_id", "last_updated", "id"),
        Index("ix_event_name_id", "name", "id"),
        Index("ix_event_type_id_date", "type_id", "date", "id"),
    )
    slug: str | None = Field(default=None, unique=True, description="URL-friendly unique name.")
    name: str = Field(description="Name of the event.")
    type_id: int | None = Field(default=None, foreign_key="event_type.id")
    description: str | None = Field(default=None, description="What happens.")
    webcast_live: bool | None = Field(default=None, description="Whether a webcast is live now.")
    location: str | None = Field(default=None, description="Where it happens, as text.")
    news_url: str | None = Field(default=None, description="A news article about it.")
    video_url: str | None = Field(default=None, description="A video of it.")
    feature_image: str | None = text_of(
        "image", "image_url", "Image URL (LL2 `feature_image` before 2.3.0, then of `image`)."
    )
    image_id: int | None = Field(default=None, foreign_key="image.id")
    date: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When it happens (UTC)."
    )
    date_precision_id: int | None = Field(default=None, foreign_key="date_precision.id")
    duration: str | None = Field(default=None, description="How long it lasts, as LL2 gives it.")
    last_updated: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="When LL2 last changed the event (null in API 2.0.0 data).",
    )


class Update(ll2_object("update", served=False)):
    """A news update posted on an event or a launch (LL2 `updates`)."""

    position: int = 0
    profile_image: str | None = Field(default=None, description="Avatar of the author.")
    comment: str | None = Field(default=None, description="The update's text.")
    info_url: str | None = Field(default=None, description="A link with more information.")
    created_by: str | None = Field(default=None, description="Who posted it.")
    created_on: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When it was posted."
    )


class EventUpdate(Update, table=True):
    """A news update posted on an event."""

    __tablename__ = "event_update"
    event_id: int = Field(foreign_key="event.id", index=True)
