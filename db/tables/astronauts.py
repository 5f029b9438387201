"""Astronauts named by events (API 2.3.0 on)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from launchgraph.db.tables.urls import nested


class Astronaut(SQLModel, table=True):
    """An astronaut."""

    __tablename__ = "astronaut"
    id: int = Field(primary_key=True, description="LL2's id of the astronaut.")
    url: str | None = Field(default=None, description="The LL2 API URL of the astronaut.")
    name: str | None = Field(default=None, index=True, description="Full name.")
    status_id: int | None = nested("status", "id", "LL2's id of the astronaut's status.")
    status_name: str | None = nested("status", "name", "Status (Active, Retired ...).")
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    image_id: int | None = Field(default=None, foreign_key="image.id")
