"""Countries and celestial bodies (objects since API 2.3.0)."""

from __future__ import annotations

from sqlmodel import Field

from launchgraph.db.tables.counters import BodyCounters
from launchgraph.db.tables.objects import ll2_object
from launchgraph.db.tables.urls import nested


class Country(ll2_object("country", served=False), table=True):
    """A country, as LL2 lists it for agencies, pads and locations (API 2.3.0 on; older
    versions sent an ISO 3166-1 alpha-3 code, kept in the owner's countryCode)."""

    __tablename__ = "country"
    name: str | None = Field(default=None, description="English name.")
    alpha_2_code: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")
    alpha_3_code: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code.")
    nationality_name: str | None = Field(default=None, description="Nationality (American).")
    nationality_name_composed: str | None = Field(
        default=None, description="Nationality as a prefix (Americano, Russo)."
    )


class CelestialBody(BodyCounters, ll2_object("body", served=False), table=True):
    """A celestial body that launches leave from or orbits go around (Earth, Moon, Mars ...).
    Its counters are LL2's own figures."""

    __tablename__ = "celestial_body"
    name: str | None = Field(default=None, description="Name.")
    type_id: int | None = nested("type", "id", "LL2's id of the body type.")
    type_name: str | None = nested("type", "name", "Kind of body (Planet, Moon ...).")
    diameter: float | None = Field(default=None, description="Diameter in metres.")
    mass: float | None = Field(default=None, description="Mass in kilograms.")
    gravity: float | None = Field(default=None, description="Surface gravity in m/s².")
    length_of_day: str | None = Field(
        default=None, description="Length of a day, as LL2 gives it (D HH:MM:SS)."
    )
    atmosphere: bool | None = Field(default=None, description="Whether it has an atmosphere.")
    image_id: int | None = Field(default=None, foreign_key="image.id")
    description: str | None = Field(default=None, description="About the body.")
    wiki_url: str | None = Field(default=None, description="Wikipedia article.")
