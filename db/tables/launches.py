"""Launches, their status, and the rocket (a launcher configuration) that flies them."""

from __future__ import annotations

from datetime import datetime

from launchgraph.db.coltypes import UTCDateTime
from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class LaunchStatus(SQLModel, table=True):
    """A launch status (Go, TBD, Success, Failure ...)."""

    __tablename__ = "launch_status"
    id: int = Field(primary_key=True)
    name: str | None = None
    abbrev: str | None = None
    description: str | None = None


class LauncherConfig(SQLModel, table=True):
    """A launcher configuration (LL2 `rocket.configuration`), e.g. Falcon 9 Block 5."""

    __tablename__ = "launcher_config"
    id: int = Field(primary_key=True)
    url: str | None = None
    launch_library_id: int | None = None
    name: str = Field(index=True)
    family: str | None = Field(default=None, index=True)
    full_name: str | None = None
    variant: str | None = None
    alias: str | None = None
    description: str | None = None
    manufacturer_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    min_stage: int | None = None
    max_stage: int | None = None
    length: float | None = None
    diameter: float | None = None
    maiden_flight: str | None = None
    launch_mass: int | None = None
    leo_capacity: int | None = None
    gto_capacity: int | None = None
    to_thrust: int | None = None
    apogee: int | None = None
    vehicle_range: int | None = None
    image_url: str | None = None
    info_url: str | None = None
    wiki_url: str | None = None
    total_launch_count: int | None = None
    consecutive_successful_launches: int | None = None
    successful_launches: int | None = None
    failed_launches: int | None = None
    pending_launches: int | None = None


class Rocket(SQLModel, table=True):
    """One rocket instance of a launch (LL2 `launch.rocket`), pointing at its configuration."""

    __tablename__ = "rocket"
    id: int = Field(primary_key=True)
    configuration_id: int | None = Field(default=None, foreign_key="launcher_config.id", index=True)


class Launch(SQLModel, table=True):
    """An LL2 launch (uuid id). The *_count fields are LL2's figures, stored as given."""

    __tablename__ = "launch"
    __table_args__ = (
        Index("ix_launch_net_id", "net", "id"),
        Index("ix_launch_last_updated_id", "last_updated", "id"),
        Index("ix_launch_name_id", "name", "id"),
    )
    id: str = Field(primary_key=True, max_length=36)
    url: str | None = None
    launch_library_id: int | None = None
    # Not unique: LL2 reassigns launch slugs over time, and real snapshots hold the same slug
    # on two launch ids; a slug lookup returns the most recently updated one.
    slug: str | None = Field(default=None, index=True)
    name: str
    status_id: int | None = Field(default=None, foreign_key="launch_status.id", index=True)
    last_updated: datetime | None = Field(default=None, sa_type=UTCDateTime)
    net: datetime | None = Field(default=None, sa_type=UTCDateTime)
    window_end: datetime | None = Field(default=None, sa_type=UTCDateTime)
    window_start: datetime | None = Field(default=None, sa_type=UTCDateTime)
    net_precision_id: int | None = Field(default=None, foreign_key="date_precision.id")
    probability: int | None = None
    weather_concerns: str | None = None
    holdreason: str | None = None
    failreason: str | None = None
    hashtag: str | None = None
    launch_service_provider_id: int | None = Field(
        default=None, foreign_key="agency.id", index=True
    )
    rocket_id: int | None = Field(default=None, foreign_key="rocket.id", index=True)
    mission_id: int | None = Field(default=None, foreign_key="mission.id", index=True)
    pad_id: int | None = Field(default=None, foreign_key="pad.id", index=True)
    webcast_live: bool | None = None
    image: str | None = None
    infographic: str | None = None
    type: str | None = None
    inhold: bool | None = None
    tbdtime: bool | None = None
    tbddate: bool | None = None
    orbital_launch_attempt_count: int | None = None
    location_launch_attempt_count: int | None = None
    pad_launch_attempt_count: int | None = None
    agency_launch_attempt_count: int | None = None
    orbital_launch_attempt_count_year: int | None = None
    location_launch_attempt_count_year: int | None = None
    pad_launch_attempt_count_year: int | None = None
    agency_launch_attempt_count_year: int | None = None
