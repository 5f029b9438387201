"""Information and video links attached to events, launches and missions.

LL2 lists them inline without ids, so a row is owned by exactly one of event, launch or
mission and keeps its position in LL2's list; a newer owner replaces all of them. An owner's
row is identified by its position (a unique index per owner column), so a replacement writes
only the positions whose link changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from launchgraph.db.coltypes import UTCDateTime


def nested(key: str, part: str, description: str) -> Any:
    """A column holding one part of a small nested LL2 object ({id, name[, code]}), flattened
    into the row: ingest reads payload[key][part] into it."""
    return Field(
        default=None, description=description, sa_column_kwargs={"info": {"ll2": (key, part)}}
    )


class _ListedLink(SQLModel):
    """What information and video links share."""

    pk: int | None = Field(default=None, primary_key=True)
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    launch_id: str | None = Field(default=None, foreign_key="launch.id", index=True)
    mission_id: int | None = Field(default=None, foreign_key="mission.id", index=True)
    position: int = 0
    priority: int | None = Field(default=None, description="Display priority (higher first).")
    source: str | None = Field(default=None, description="Where it is published.")
    title: str | None = Field(default=None, description="Title.")
    description: str | None = Field(default=None, description="Description.")
    feature_image: str | None = Field(default=None, description="Image or thumbnail URL.")
    url: str | None = Field(default=None, description="The link.")
    type_id: int | None = nested("type", "id", "LL2's id of the kind of link.")
    type_name: str | None = nested("type", "name", "Kind of link (LL2 `type.name`).")
    language_id: int | None = nested("language", "id", "LL2's id of the language.")
    language_name: str | None = nested("language", "name", "Language name.")
    language_code: str | None = nested("language", "code", "Language code (LL2 `language`).")


def _position_per_owner(table: str) -> tuple[Index, ...]:
    return tuple(
        Index(f"uq_{table}_{owner}_position", owner, "position", unique=True)
        for owner in ("event_id", "launch_id", "mission_id")
    )


class InfoURL(_ListedLink, table=True):
    """A link to information, as listed by LL2."""

    __tablename__ = "info_url"
    __table_args__ = _position_per_owner("info_url")


class VidURL(_ListedLink, table=True):
    """A link to a video or webcast, as listed by LL2."""

    __tablename__ = "vid_url"
    __table_args__ = _position_per_owner("vid_url")
    publisher: str | None = Field(default=None, description="Who publishes it.")
    start_time: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When the stream starts."
    )
    end_time: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When the stream ends."
    )
    live: bool | None = Field(default=None, description="Whether it is live now.")
