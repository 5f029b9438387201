"""Agencies: launch providers, manufacturers, space agencies."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Agency(SQLModel, table=True):
    """An LL2 agency. The counters are LL2's own figures, stored as given."""

    __tablename__ = "agency"
    id: int = Field(primary_key=True)
    url: str | None = None
    name: str = Field(index=True)
    featured: bool | None = None
    type: str | None = Field(default=None, index=True)
    country_code: str | None = Field(default=None, index=True)
    abbrev: str | None = None
    description: str | None = None
    administrator: str | None = None
    founding_year: str | None = None
    launchers: str | None = None
    spacecraft: str | None = None
    parent: str | None = None
    launch_library_url: str | None = None
    total_launch_count: int | None = None
    consecutive_successful_launches: int | None = None
    successful_launches: int | None = None
    failed_launches: int | None = None
    pending_launches: int | None = None
    consecutive_successful_landings: int | None = None
    successful_landings: int | None = None
    failed_landings: int | None = None
    attempted_landings: int | None = None
    info_url: str | None = None
    wiki_url: str | None = None
    logo_url: str | None = None
    image_url: str | None = None
    nation_url: str | None = None
