"""Programs (ISS, Artemis, Commercial Crew ...), their types and mission patches."""

from __future__ import annotations

from datetime import datetime

from launchgraph.db.coltypes import UTCDateTime
from sqlmodel import Field, SQLModel


class ProgramType(SQLModel, table=True):
    """The kind of a program (Human Spaceflight, ...)."""

    __tablename__ = "program_type"
    id: int = Field(primary_key=True)
    name: str | None = None


class Program(SQLModel, table=True):
    """An LL2 program."""

    __tablename__ = "program"
    id: int = Field(primary_key=True)
    url: str | None = None
    name: str = Field(index=True)
    description: str | None = None
    image_url: str | None = None
    start_date: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_date: datetime | None = Field(default=None, sa_type=UTCDateTime)
    info_url: str | None = None
    wiki_url: str | None = None
    type_id: int | None = Field(default=None, foreign_key="program_type.id", index=True)


class MissionPatch(SQLModel, table=True):
    """A mission patch image, as listed on a program."""

    __tablename__ = "mission_patch"
    id: int = Field(primary_key=True)
    name: str | None = None
    priority: int | None = None
    image_url: str | None = None
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
