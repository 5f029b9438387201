"""Astronauts named by events (API 2.3.0 on)."""

from __future__ import annotations

from sqlmodel import Field

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
