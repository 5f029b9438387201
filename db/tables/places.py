"""Where launches happen: locations (spaceports) and their pads."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Location(SQLModel, table=True):
    """A launch site such as Kennedy Space Center."""

    __tablename__ = "location"
    id: int = Field(primary_key=True)
    url: str | None = None
    name: str = Field(index=True)
    country_code: str | None = Field(default=None, index=True)
    description: str | None = None
    map_image: str | None = None
    timezone_name: str | None = None
    total_launch_count: int | None = None
    total_landing_count: int | None = None


class Pad(SQLModel, table=True):
    """A launch pad. Coordinates are kept as the decimal text LL2 sends, so nothing is rounded."""

    __tablename__ = "pad"
    id: int = Field(primary_key=True)
    url: str | None = None
    agency_id: int | None = None
    name: str = Field(index=True)
    description: str | None = None
    info_url: str | None = None
    wiki_url: str | None = None
    map_url: str | None = None
    latitude: str | None = None
    longitude: str | None = None
    location_id: int | None = Field(default=None, foreign_key="location.id", index=True)
    country_code: str | None = Field(default=None, index=True)
    map_image: str | None = None
    total_launch_count: int | None = None
    orbital_launch_attempt_count: int | None = None
