"""Space stations and the expeditions that crew them."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from launchgraph.db.coltypes import UTCDateTime
from launchgraph.db.tables.objects import Pictured, ll2_object
from launchgraph.db.tables.urls import nested


class SpaceStationStatus(ll2_object("status", served=False), table=True):
    """A space station's status (Active, De-Orbited ...)."""

    __tablename__ = "spacestation_status"
    name: str | None = Field(default=None, description="Name.")


class SpaceStation(Pictured, ll2_object("station"), table=True):
    """A space station."""

    __tablename__ = "spacestation"
    name: str = Field(index=True, description="Name.")
    status_id: int | None = Field(default=None, foreign_key="spacestation_status.id")
    founded: date | None = Field(default=None, description="When it was founded.")
    description: str | None = Field(default=None, description="About the station.")
    orbit: str | None = Field(default=None, description="Its orbit, as text.")
    deorbited: date | None = Field(default=None, description="When it was deorbited.")
    type_id: int | None = nested("type", "id", "LL2's id of the kind of station.")
    type_name: str | None = nested("type", "name", "Kind of station (Government ...).")


class Expedition(ll2_object("expedition"), table=True):
    """A crewed expedition aboard a space station."""

    __tablename__ = "expedition"
    name: str = Field(index=True, description="Name.")
    start: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When it started."
    )
    end: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When it ended, if it has."
    )
    spacestation_id: int | None = Field(default=None, foreign_key="spacestation.id", index=True)


class Spacewalk(ll2_object("spacewalk"), table=True):
    """A spacewalk (extravehicular activity) of an expedition (API 2.3.0 on)."""

    __tablename__ = "spacewalk"
    name: str | None = Field(default=None, description="Name.")
    start: datetime | None = Field(default=None, sa_type=UTCDateTime, description="Start (UTC).")
    end: datetime | None = Field(default=None, sa_type=UTCDateTime, description="End (UTC).")
    duration: str | None = Field(default=None, description="How long it lasted (ISO 8601).")
    location: str | None = Field(default=None, description="Where it took place, as text.")
