"""Missions flown by launches, and their target orbits."""

from __future__ import annotations

from sqlmodel import Field

from launchgraph.db.tables.objects import ll2_object
from launchgraph.db.tables.search import trigram_index


class Orbit(ll2_object("orbit", served=False), table=True):
    """A target orbit (Low Earth Orbit, GTO ...)."""

    __tablename__ = "orbit"
    name: str | None = Field(default=None, description="Name.")
    abbrev: str | None = Field(default=None, description="Abbreviation (LEO, GTO ...).")
    celestial_body_id: int | None = Field(default=None, foreign_key="celestial_body.id")


class Mission(ll2_object("mission", served=False), table=True):
    """The mission a launch flies."""

    __tablename__ = "mission"
    # A launch search reads its mission's name too (launchgraph.db.queries.listings).
    __table_args__ = (trigram_index("ix_mission_name_trgm", "name"),)
    launch_library_id: int | None = Field(default=None, description="Legacy Launch Library 1 id.")
    name: str | None = Field(default=None, index=True, description="Name.")
    description: str | None = Field(default=None, description="What the mission does.")
    launch_designator: str | None = Field(default=None, description="International designator.")
    type: str | None = Field(
        default=None, index=True, description="Mission type (Resupply, Communications ...)."
    )
    orbit_id: int | None = Field(default=None, foreign_key="orbit.id", index=True)
    image_id: int | None = Field(default=None, foreign_key="image.id")
