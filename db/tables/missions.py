"""Missions flown by launches, and their target orbits."""

from __future__ import annotations

from sqlmodel import Field

from launchgraph.db.tables.objects import ll2_object


class Orbit(ll2_object("orbit", served=False), table=True):
    """A target orbit (Low Earth Orbit, GTO ...)."""

    __tablename__ = "orbit"
    name: str | None = Field(default=None, description="Name.")
    abbrev: str | None = Field(default=None, description="Abbreviation (LEO, GTO ...).")
    celestial_body_id: int | None = Field(default=None, foreign_key="celestial_body.id")


class Mission(ll2_object("mission", served=False), table=True):
    """The mission a launch flies."""

    __tablename__ = "mission"
    launch_library_id: int | None = Field(default=None, description="Legacy Launch Library 1 id.")
    name: str | None = Field(default=None, index=True, description="Name.")
    description: str | None = Field(default=None, description="What the mission does.")
    launch_designator: str | None = Field(default=None, description="International designator.")
    type: str | None = Field(
        default=None, index=True, description="Mission type (Resupply, Communications ...)."
    )
    orbit_id: int | None = Field(default=None, foreign_key="orbit.id", index=True)
    image_id: int | None = Field(default=None, foreign_key="image.id")
