"""Agencies: launch providers, manufacturers, space agencies."""

from __future__ import annotations

from sqlmodel import Field

from launchgraph.db.tables.counters import LaunchCounters


class Agency(LaunchCounters, table=True):
    """An agency: a launch service provider, a manufacturer, or a space agency. Counters are LL2's
    own figures."""

    __tablename__ = "agency"
    id: int = Field(primary_key=True, description="LL2's id of the agency.")
    url: str | None = Field(default=None, description="The LL2 API URL of the agency.")
    name: str = Field(index=True, description="Full name.")
    featured: bool | None = Field(default=None, description="Whether LL2 features the agency.")
    type: str | None = Field(
        default=None,
        index=True,
        description="Kind of agency (Government, Commercial, Multinational ...).",
    )
    country_code: str | None = Field(
        default=None, index=True, description="ISO 3166-1 alpha-3 country codes, comma separated."
    )
    abbrev: str | None = Field(default=None, description="Abbreviation (NASA, JAXA ...).")
    description: str | None = Field(default=None, description="About the agency.")
    administrator: str | None = Field(default=None, description="Who leads the agency.")
    founding_year: str | None = Field(default=None, description="Year founded, as LL2 gives it.")
    launchers: str | None = Field(default=None, description="Launchers it operates, as text.")
    spacecraft: str | None = Field(default=None, description="Spacecraft it operates, as text.")
    parent: str | None = Field(default=None, description="Parent organisation, if any.")
    launch_library_url: str | None = Field(
        default=None, description="URL in the legacy Launch Library 1 API."
    )
    consecutive_successful_landings: int | None = Field(
        default=None, description="Current streak of successful landings (LL2)."
    )
    successful_landings: int | None = Field(default=None, description="Successful landings (LL2).")
    failed_landings: int | None = Field(default=None, description="Failed landings (LL2).")
    attempted_landings: int | None = Field(default=None, description="Attempted landings (LL2).")
    info_url: str | None = Field(default=None, description="Official website.")
    wiki_url: str | None = Field(default=None, description="Wikipedia article.")
    logo_url: str | None = Field(default=None, description="Logo image URL.")
    image_url: str | None = Field(default=None, description="Image URL.")
    nation_url: str | None = Field(default=None, description="Flag or nation image URL.")
