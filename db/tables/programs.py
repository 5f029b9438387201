"""Programs (ISS, Artemis, Commercial Crew ...), their types and mission patches."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from launchgraph.db.coltypes import UTCDateTime
from launchgraph.db.tables.objects import Pictured, WebPages, ll2_object


class ProgramType(ll2_object("program type", served=False), table=True):
    """A kind of program (Human Spaceflight ...)."""

    __tablename__ = "program_type"
    name: str | None = Field(default=None, description="Name.")


class Program(WebPages, Pictured, ll2_object("program"), table=True):
    """A spaceflight program (ISS, Artemis, Commercial Crew ...)."""

    __tablename__ = "program"
    name: str = Field(index=True, description="Name.")
    description: str | None = Field(default=None, description="About the program.")
    start_date: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When the program started."
    )
    end_date: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When it ended, if it has."
    )
    type_id: int | None = Field(default=None, foreign_key="program_type.id", index=True)


class MissionPatch(ll2_object("patch", served=False), table=True):
    """A mission patch image."""

    __tablename__ = "mission_patch"
    name: str | None = Field(default=None, description="Name.")
    priority: int | None = Field(default=None, description="Display priority.")
    image_url: str | None = Field(default=None, description="Image URL.")
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
