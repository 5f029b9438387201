"""Launches, their status, and the rocket (a launcher configuration) that flies them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from launchgraph.db.coltypes import IntText, UTCDateTime
from launchgraph.db.tables.counters import AttemptCounters, LandingCounters, LaunchCounters
from launchgraph.db.tables.eras import text_of
from launchgraph.db.tables.events import Update
from launchgraph.db.tables.objects import Pictured, WebPages, ll2_object
from launchgraph.db.tables.search import trigram_index
from launchgraph.db.tables.urls import nested


class LaunchStatus(ll2_object("status", served=False), table=True):
    """A launch status (Go, TBD, Success, Failure ...)."""

    __tablename__ = "launch_status"
    name: str | None = Field(default=None, description="Name of the status.")
    abbrev: str | None = Field(default=None, description="Abbreviation (Go, TBD, TBC ...).")
    description: str | None = Field(default=None, description="What the status means.")


class LauncherConfig(
    LaunchCounters, LandingCounters, WebPages, Pictured, ll2_object("configuration"), table=True
):
    """A launcher configuration (LL2 `rocket.configuration`), e.g. Falcon 9 Block 5. Fields beyond
    name/family/fullName/variant come only from LL2's detailed launch mode."""

    __tablename__ = "launcher_config"
    launch_library_id: int | None = Field(default=None, description="Legacy Launch Library 1 id.")
    name: str = Field(index=True, description="Name.")
    family: str | None = Field(default=None, index=True, description="Rocket family.")
    full_name: str | None = Field(default=None, description="Full name.")
    variant: str | None = Field(default=None, description="Variant.")
    alias: str | None = Field(default=None, description="Other names.")
    description: str | None = Field(default=None, description="About the launcher.")
    manufacturer_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    min_stage: int | None = Field(default=None, description="Fewest stages.")
    max_stage: int | None = Field(default=None, description="Most stages.")
    length: float | None = Field(default=None, description="Length in metres.")
    diameter: float | None = Field(default=None, description="Diameter in metres.")
    maiden_flight: str | None = Field(default=None, description="Date of the first flight.")
    launch_mass: float | None = Field(default=None, description="Launch mass in tonnes.")
    leo_capacity: float | None = Field(default=None, description="Payload to LEO in kg.")
    gto_capacity: float | None = Field(default=None, description="Payload to GTO in kg.")
    geo_capacity: float | None = Field(default=None, description="Payload to GEO in kg.")
    sso_capacity: float | None = Field(default=None, description="Payload to SSO in kg.")
    to_thrust: float | None = Field(default=None, description="Thrust at lift-off in kN.")
    apogee: float | None = Field(default=None, description="Apogee of suborbital flights in km.")
    launch_cost: int | None = Field(
        default=None, sa_type=IntText, description="Cost of a launch in US dollars."
    )
    active: bool | None = Field(default=None, description="Whether it still flies.")
    reusable: bool | None = Field(default=None, description="Whether it is reusable.")
    is_placeholder: bool | None = Field(
        default=None, description="A generic configuration standing in for an unknown variant."
    )
    fastest_turnaround: str | None = Field(
        default=None, description="Shortest time between two of its launches (ISO 8601)."
    )
    vehicle_range: int | None = Field(default=None, description="Range in km.")


class LauncherFamily(
    LaunchCounters, LandingCounters, ll2_object("family", served=False), table=True
):
    """A family of launcher configurations (Falcon, Soyuz ...), API 2.3.0 on; older versions
    named it in the configuration's `family`. Counters are LL2's own figures."""

    __tablename__ = "launcher_family"
    name: str | None = Field(default=None, description="Name.")
    description: str | None = Field(default=None, description="About the family.")
    active: bool | None = Field(default=None, description="Whether it still flies.")
    maiden_flight: str | None = Field(default=None, description="Date of the first flight.")
    # No foreign key: a family and its parent arrive in one statement, in any order.
    parent_id: int | None = Field(default=None, index=True)


class Rocket(ll2_object("rocket", served=False), table=True):
    """The rocket of one launch: an instance of a configuration."""

    __tablename__ = "rocket"
    configuration_id: int | None = Field(default=None, foreign_key="launcher_config.id", index=True)


class Launch(AttemptCounters, ll2_object("launch", uuid=True), table=True):
    """A launch: NET and window, status, provider, rocket, mission and pad. The *Count fields are
    LL2's own figures."""

    __tablename__ = "launch"
    __table_args__ = (
        Index("ix_launch_net_id", "net", "id"),
        Index("ix_launch_last_updated_id", "last_updated", "id"),
        Index("ix_launch_name_id", "name", "id"),
        # A launch search reads the launch's name (launchgraph.db.queries.listings).
        trigram_index("ix_launch_name_trgm", "name"),
    )
    launch_library_id: int | None = Field(default=None, description="Legacy Launch Library 1 id.")
    # Not unique: LL2 reassigns launch slugs over time, and real snapshots hold the same slug
    # on two launch ids; a slug lookup returns the most recently updated one.
    slug: str | None = Field(default=None, index=True, description="URL-friendly name.")
    name: str = Field(description="Name: rocket | mission.")
    status_id: int | None = Field(default=None, foreign_key="launch_status.id", index=True)
    last_updated: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="When LL2 last changed the launch (null in API 2.0.0 data).",
    )
    net: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="No Earlier Than: the launch time (UTC)."
    )
    window_end: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="End of the launch window."
    )
    window_start: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="Start of the launch window."
    )
    net_precision_id: int | None = Field(default=None, foreign_key="date_precision.id")
    probability: int | None = Field(default=None, description="Weather probability, percent.")
    weather_concerns: str | None = Field(default=None, description="Weather concerns, as text.")
    holdreason: str | None = Field(default=None, description="Why the launch is on hold.")
    failreason: str | None = Field(default=None, description="Why the launch failed.")
    hashtag: str | None = Field(default=None, description="Social media hashtag.")
    launch_service_provider_id: int | None = Field(
        default=None, foreign_key="agency.id", index=True
    )
    rocket_id: int | None = Field(default=None, foreign_key="rocket.id", index=True)
    mission_id: int | None = Field(default=None, foreign_key="mission.id", index=True)
    pad_id: int | None = Field(default=None, foreign_key="pad.id", index=True)
    webcast_live: bool | None = Field(default=None, description="Whether a webcast is live now.")
    image_url: str | None = text_of(
        "image", "image_url", "Image URL (LL2 `image`, a URL before 2.3.0)."
    )
    image_id: int | None = Field(default=None, foreign_key="image.id")
    launch_designator: str | None = Field(
        default=None, description="COSPAR international designator (API 2.3.0 on)."
    )
    flightclub_url: str | None = Field(default=None, description="FlightClub.io simulation.")
    pad_turnaround: str | None = Field(
        default=None, description="Time since the pad's previous launch (ISO 8601)."
    )
    infographic: str | None = Field(default=None, description="Infographic URL.")
    type: str | None = Field(default=None, description="LL2's launch record type (normal ...).")
    inhold: bool | None = Field(default=None, description="In hold (API 2.0.0 only).")
    tbdtime: bool | None = Field(
        default=None, description="Time to be determined (API 2.0.0 only)."
    )
    tbddate: bool | None = Field(
        default=None, description="Date to be determined (API 2.0.0 only)."
    )


class LaunchTimelineStep(SQLModel, table=True):
    """A step of a launch's timeline (MECO, Liftoff ...), relative to T-0."""

    __tablename__ = "launch_timeline"
    __table_args__ = (
        Index("uq_launch_timeline_launch_id_position", "launch_id", "position", unique=True),
    )
    pk: int | None = Field(default=None, primary_key=True)
    launch_id: str = Field(foreign_key="launch.id", index=True)
    position: int = 0
    type_id: int | None = nested("type", "id", "LL2's id of the step type.")
    type_abbrev: str | None = nested("type", "abbrev", "Short label of the step.")
    type_description: str | None = nested("type", "description", "What happens at the step.")
    relative_time: str | None = Field(
        default=None, description="Offset from T-0 (signed ISO 8601 duration)."
    )


class LaunchUpdate(Update, table=True):
    """A news update posted on a launch (LL2 `updates`)."""

    __tablename__ = "launch_update"
    launch_id: str = Field(foreign_key="launch.id", index=True)
