"""Information and video links attached to events, launches and missions.

LL2 lists them inline without ids, so a row is owned by exactly one of event, launch or
mission and keeps its position in LL2's list; a newer owner replaces all of them.
"""

from __future__ import annotations

from datetime import datetime

from launchgraph.db.coltypes import UTCDateTime
from sqlmodel import Field, SQLModel


class InfoURL(SQLModel, table=True):
    """An information link (LL2 `info_urls` / `infoURLs`)."""

    __tablename__ = "info_url"
    pk: int | None = Field(default=None, primary_key=True)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    launch_id: str | None = Field(default=None, foreign_key="launch.id", index=True)
    mission_id: int | None = Field(default=None, foreign_key="mission.id", index=True)
    position: int = 0
    priority: int | None = None
    source: str | None = None
    title: str | None = None
    description: str | None = None
    feature_image: str | None = None
    url: str | None = None
    type_id: int | None = None
    type_name: str | None = None
    language_id: int | None = None
    language_name: str | None = None
    language_code: str | None = None


class VidURL(SQLModel, table=True):
    """A video link (LL2 `vid_urls` / `vidURLs`)."""

    __tablename__ = "vid_url"
    pk: int | None = Field(default=None, primary_key=True)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    launch_id: str | None = Field(default=None, foreign_key="launch.id", index=True)
    mission_id: int | None = Field(default=None, foreign_key="mission.id", index=True)
    position: int = 0
    priority: int | None = None
    source: str | None = None
    publisher: str | None = None
    title: str | None = None
    description: str | None = None
    feature_image: str | None = None
    url: str | None = None
    type_id: int | None = None
    type_name: str | None = None
    language_id: int | None = None
    language_name: str | None = None
    language_code: str | None = None
    start_time: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_time: datetime | None = Field(default=None, sa_type=UTCDateTime)
    live: bool | None = None
