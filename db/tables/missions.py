"""Missions flown by launches, and their target orbits."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Orbit(SQLModel, table=True):
    """A target orbit (LEO, GTO, ...)."""

    __tablename__ = "orbit"
    id: int = Field(primary_key=True)
    name: str | None = None
    abbrev: str | None = None


class Mission(SQLModel, table=True):
    """A launch's mission. LL2 gives its type as plain text (Resupply, Communications ...)."""

    __tablename__ = "mission"
    id: int = Field(primary_key=True)
    launch_library_id: int | None = None
    name: str | None = Field(default=None, index=True)
    description: str | None = None
    launch_designator: str | None = None
    type: str | None = Field(default=None, index=True)
    orbit_id: int | None = Field(default=None, foreign_key="orbit.id", index=True)
