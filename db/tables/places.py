"""Where launches happen: locations (spaceports) and their pads."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from launchgraph.db.coltypes import DecimalText
from launchgraph.db.tables.eras import text_of
from launchgraph.db.tables.objects import WebPages, ll2_object


class Place(SQLModel):
    """What launch sites and pads share: where they are, and whether they are in service."""

    # Coordinates are kept as the decimal text LL2 sends, so nothing is rounded.
    latitude: float | None = Field(
        default=None, sa_type=DecimalText, description="Latitude in decimal degrees."
    )
    longitude: float | None = Field(
        default=None, sa_type=DecimalText, description="Longitude in decimal degrees."
    )
    country_code: str | None = text_of(
        "country",
        "alpha_3_code",
        "ISO 3166-1 alpha-3 country code (also of `country`).",
        index=True,
    )
    country_id: int | None = Field(default=None, foreign_key="country.id", index=True)
    active: bool | None = Field(default=None, description="Whether it is in service.")
    image_id: int | None = Field(default=None, foreign_key="image.id")


class Location(Place, ll2_object("location"), table=True):
    """A launch site, such as Kennedy Space Center."""

    __tablename__ = "location"
    name: str = Field(index=True, description="Name.")
    celestial_body_id: int | None = Field(default=None, foreign_key="celestial_body.id")
    description: str | None = Field(default=None, description="About the site.")
    map_image: str | None = Field(default=None, description="Map image URL.")
    timezone_name: str | None = Field(default=None, description="IANA time zone of the site.")
    total_launch_count: int | None = Field(default=None, description="Launches from here (LL2).")
    total_landing_count: int | None = Field(default=None, description="Landings here (LL2).")


class Pad(Place, WebPages, ll2_object("pad"), table=True):
    """A launch pad."""

    __tablename__ = "pad"
    agency_id: int | None = Field(default=None, description="LL2 id of the agency owning the pad.")
    name: str = Field(index=True, description="Name.")
    description: str | None = Field(default=None, description="About the pad.")
    map_url: str | None = Field(default=None, description="Map link.")
    location_id: int | None = Field(default=None, foreign_key="location.id", index=True)
    fastest_turnaround: str | None = Field(
        default=None, description="Shortest time between two launches from it (ISO 8601)."
    )
    map_image: str | None = Field(default=None, description="Map image URL.")
    total_launch_count: int | None = Field(default=None, description="Launches from here (LL2).")
    orbital_launch_attempt_count: int | None = Field(
        default=None, description="Orbital launch attempts from here (LL2)."
    )
