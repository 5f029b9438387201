"""Space stations and the expeditions that crew them."""

from __future__ import annotations

from datetime import date, datetime

from launchgraph.db.coltypes import UTCDateTime
from sqlmodel import Field, SQLModel


class SpaceStationStatus(SQLModel, table=True):
    """A station's status (Active, De-Orbited ...)."""

    __tablename__ = "spacestation_status"
    id: int = Field(primary_key=True)
    name: str | None = None


class SpaceStation(SQLModel, table=True):
    """A space station. LL2 gives its orbit as plain text."""

    __tablename__ = "spacestation"
    id: int = Field(primary_key=True)
    url: str | None = None
    name: str = Field(index=True)
    status_id: int | None = Field(default=None, foreign_key="spacestation_status.id")
    founded: date | None = None
    description: str | None = None
    orbit: str | None = None
    image_url: str | None = None


class Expedition(SQLModel, table=True):
    """A crewed expedition aboard a space station."""

    __tablename__ = "expedition"
    id: int = Field(primary_key=True)
    url: str | None = None
    name: str = Field(index=True)
    start: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end: datetime | None = Field(default=None, sa_type=UTCDateTime)
    spacestation_id: int | None = Field(default=None, foreign_key="spacestation.id", index=True)
