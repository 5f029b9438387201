"""Agencies: launch providers, manufacturers, space agencies."""

from __future__ import annotations

from sqlmodel import Field

from launchgraph.db.coltypes import IntText
from launchgraph.db.tables.counters import (
    LandingCounters,
    LaunchCounters,
    PayloadLandingCounters,
    SpacecraftLandingCounters,
)
from launchgraph.db.tables.eras import text_of
from launchgraph.db.tables.objects import Pictured, WebPages, ll2_object
from launchgraph.db.tables.urls import nested


class Agency(
    PayloadLandingCounters,
    SpacecraftLandingCounters,
    LandingCounters,
    LaunchCounters,
    WebPages,
    Pictured,
    ll2_object("agency"),
    table=True,
):
    """An agency: a launch service provider, a manufacturer, or a space agency. Counters are LL2's
    own figures."""

    __tablename__ = "agency"
    name: str = Field(index=True, description="Full name.")
    featured: bool | None = Field(default=None, description="Whether LL2 features the agency.")
    type: str | None = text_of(
        "type",
        "name",
        "Kind of agency (Government, Commercial, Multinational ...).",
        index=True,
    )
    type_id: int | None = nested("type", "id", "LL2's id of the kind of agency (API 2.3.0 on).")
    country_code: str | None = text_of(
        "country",
        "alpha_3_code",
        "ISO 3166-1 alpha-3 country codes, comma separated (also of `country`).",
        index=True,
    )
    abbrev: str | None = Field(default=None, description="Abbreviation (NASA, JAXA ...).")
    description: str | None = Field(default=None, description="About the agency.")
    administrator: str | None = Field(default=None, description="Who leads the agency.")
    founding_year: int | None = Field(default=None, sa_type=IntText, description="Year founded.")
    launchers: str | None = Field(default=None, description="Launchers it operates, as text.")
    spacecraft: str | None = Field(default=None, description="Spacecraft it operates, as text.")
    parent: str | None = Field(default=None, description="Parent organisation, if any.")
    launch_library_url: str | None = Field(
        default=None, description="URL in the legacy Launch Library 1 API."
    )
    logo_url: str | None = text_of("logo", "image_url", "Logo image URL (also of `logo`).")
    nation_url: str | None = text_of(
        "social_logo", "image_url", "Flag, nation or social logo URL (also of `socialLogo`)."
    )
    logo_id: int | None = Field(default=None, foreign_key="image.id")
    social_logo_id: int | None = Field(default=None, foreign_key="image.id")
