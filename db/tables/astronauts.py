"""Astronauts: named by events (API 2.3.0 on), in the crews of spacecraft flights."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field

from launchgraph.db.coltypes import UTCDateTime
from launchgraph.db.tables.eras import text_of
from launchgraph.db.tables.objects import ll2_object
from launchgraph.db.tables.urls import nested


class Astronaut(ll2_object("astronaut"), table=True):
    """An astronaut."""

    __tablename__ = "astronaut"
    name: str | None = Field(default=None, index=True, description="Full name.")
    status_id: int | None = nested("status", "id", "LL2's id of the astronaut's status.")
    status_name: str | None = nested("status", "name", "Status (Active, Retired ...).")
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    image_id: int | None = Field(default=None, foreign_key="image.id")
    type_id: int | None = nested("type", "id", "LL2's id of the astronaut type.")
    type_name: str | None = nested("type", "name", "Kind of astronaut (Government ...).")
    date_of_birth: date | None = Field(default=None, description="Date of birth.")
    date_of_death: date | None = Field(default=None, description="Date of death.")
    nationality: str | None = text_of(
        "nationality",
        "nationality_name",
        "Nationality (API 2.3.0 lists countries: their nationality names, comma separated).",
    )
    twitter: str | None = Field(default=None, description="Twitter account URL.")
    instagram: str | None = Field(default=None, description="Instagram account URL.")
    bio: str | None = Field(default=None, description="Biography.")
    profile_image: str | None = text_of("image", "image_url", "Portrait URL (also of `image`).")
    wiki: str | None = Field(default=None, description="Wikipedia article.")
    first_flight: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="Their first flight."
    )
    last_flight: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="Their latest flight."
    )
    age: int | None = Field(default=None, description="Age in years (API 2.3.0 on).")
    in_space: bool | None = Field(default=None, description="Whether in space now (2.3.0 on).")
    time_in_space: str | None = Field(default=None, description="Time in space (ISO 8601).")
    eva_time: str | None = Field(default=None, description="Time on spacewalks (ISO 8601).")
