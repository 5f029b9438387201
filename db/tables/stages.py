"""What a rocket carries and brings back: boosters and their landings, spacecraft flights with
their crews, payload flights (LL2 `rocket.launcher_stage`, `spacecraft_stage`, `payloads`).

LL2 sends them only in detailed launches. Older versions (2.0.0 to 2.2.0) sent a booster's
status as text and its picture as a URL, a crew role as text, and `spacecraft_stage` as one
object; 2.3.0 sends objects and lists (the `text_of` columns keep both eras' values).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from launchgraph.db.coltypes import DecimalText, UTCDateTime
from launchgraph.db.tables.counters import LandingCounters
from launchgraph.db.tables.eras import text_of
from launchgraph.db.tables.objects import ll2_object
from launchgraph.db.tables.places import Place
from launchgraph.db.tables.urls import nested


class _Flown(SQLModel):
    """What boosters and spacecraft share: an LL2 page, a serial number, a status and a
    record of turnarounds."""

    url: str | None = Field(default=None, description="The LL2 API URL.")
    serial_number: str | None = Field(default=None, index=True, description="Serial number.")
    status_id: int | None = nested("status", "id", "LL2's id of the status.")
    is_placeholder: bool | None = Field(default=None, description="A stand-in for an unknown one.")
    fastest_turnaround: str | None = Field(
        default=None, description="Shortest time between two of its flights (ISO 8601)."
    )
    image_id: int | None = Field(default=None, foreign_key="image.id")


class Launcher(_Flown, LandingCounters, table=True):
    """A booster or first stage, the physical vehicle (a Falcon 9 core such as B1051)."""

    __tablename__ = "launcher"
    id: int = Field(primary_key=True, description="LL2's id of the booster.")
    status: str | None = text_of("status", "name", "Status (Active, Retired, Lost ...).")
    details: str | None = Field(default=None, description="About the booster.")
    flight_proven: bool | None = Field(default=None, description="Whether it has flown before.")
    image_url: str | None = text_of("image", "image_url", "Image URL (also of `image`).")
    flights: int | None = Field(default=None, description="Flights flown (LL2).")
    last_launch_date: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="Its latest flight."
    )
    first_launch_date: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="Its first flight."
    )


class LandingType(SQLModel, table=True):
    """A way of landing (ASDS: on a drone ship, RTLS: back at the launch site ...)."""

    __tablename__ = "landing_type"
    id: int = Field(primary_key=True, description="LL2's id of the landing type.")
    name: str | None = Field(default=None, description="Name.")
    abbrev: str | None = Field(default=None, description="Abbreviation (ASDS, RTLS ...).")
    description: str | None = Field(default=None, description="What it means.")


class LandingLocation(Place, LandingCounters, table=True):
    """Where stages and spacecraft land: a drone ship, a landing zone, an ocean."""

    __tablename__ = "landing_location"
    id: int = Field(primary_key=True, description="LL2's id of the landing location.")
    name: str | None = Field(default=None, description="Name.")
    abbrev: str | None = Field(default=None, description="Abbreviation (OCISLY, LZ-1 ...).")
    description: str | None = Field(default=None, description="About the place.")
    location_id: int | None = Field(default=None, foreign_key="location.id")
    celestial_body_id: int | None = Field(default=None, foreign_key="celestial_body.id")


class Landing(SQLModel, table=True):
    """One landing attempt of a stage, a spacecraft or a payload."""

    __tablename__ = "landing"
    id: int = Field(primary_key=True, description="LL2's id of the landing.")
    url: str | None = Field(default=None, description="The LL2 API URL of the landing.")
    attempt: bool | None = Field(default=None, description="Whether a landing was attempted.")
    success: bool | None = Field(default=None, description="Outcome (null: unknown or pending).")
    description: str | None = Field(default=None, description="About the landing.")
    downrange_distance: float | None = Field(default=None, description="Downrange distance, km.")
    landing_location_id: int | None = Field(default=None, foreign_key="landing_location.id")
    type_id: int | None = Field(default=None, foreign_key="landing_type.id")


class LauncherStage(SQLModel, table=True):
    """One booster's part in one launch (LL2 `rocket.launcher_stage[]`)."""

    __tablename__ = "launcher_stage"
    id: int = Field(primary_key=True, description="LL2's id of the stage flight.")
    type: str | None = Field(default=None, description="Role of the stage (Core, Booster ...).")
    reused: bool | None = Field(default=None, description="Whether the booster flew before.")
    launcher_flight_number: int | None = Field(
        default=None, description="Which flight of the booster this is."
    )
    launcher_id: int | None = Field(default=None, foreign_key="launcher.id", index=True)
    landing_id: int | None = Field(default=None, foreign_key="landing.id")
    previous_flight_date: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="The booster's previous flight."
    )
    turn_around_time_days: int | None = Field(
        default=None, description="Days since the previous flight (before API 2.3.0)."
    )
    turn_around_time: str | None = Field(
        default=None, description="Time since the previous flight (ISO 8601, API 2.3.0 on)."
    )
    previous_flight_id: str | None = nested(
        "previous_flight", "id", "LL2's id of the booster's previous launch."
    )
    previous_flight_name: str | None = nested(
        "previous_flight", "name", "Name of the booster's previous launch."
    )
    previous_flight_url: str | None = nested(
        "previous_flight", "url", "LL2 API URL of the previous launch (API 2.3.0 on)."
    )


class SpacecraftConfig(SQLModel, table=True):
    """A spacecraft model (Crew Dragon 2, Soyuz MS ...)."""

    __tablename__ = "spacecraft_config"
    id: int = Field(primary_key=True, description="LL2's id of the spacecraft configuration.")
    url: str | None = Field(default=None, description="The LL2 API URL of the configuration.")
    name: str | None = Field(default=None, description="Name.")
    type_id: int | None = nested("type", "id", "LL2's id of the spacecraft type.")
    type_name: str | None = nested("type", "name", "Kind of spacecraft.")
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    in_use: bool | None = Field(default=None, description="Whether it still flies.")
    capability: str | None = Field(default=None, description="What it can do.")
    history: str | None = Field(default=None, description="Its history.")
    details: str | None = Field(default=None, description="About it.")
    maiden_flight: date | None = Field(default=None, description="Date of the first flight.")
    height: float | None = Field(default=None, description="Height in metres.")
    diameter: float | None = Field(default=None, description="Diameter in metres.")
    human_rated: bool | None = Field(default=None, description="Whether it carries people.")
    crew_capacity: int | None = Field(default=None, description="Crew it carries.")
    payload_capacity: int | None = Field(default=None, description="Payload it carries, kg.")
    flight_life: str | None = Field(default=None, description="How long it can fly.")
    image_url: str | None = text_of("image", "image_url", "Image URL (also of `image`).")
    image_id: int | None = Field(default=None, foreign_key="image.id")
    nation_url: str | None = Field(default=None, description="Flag or nation image URL.")
    wiki_link: str | None = Field(default=None, description="Wikipedia article.")
    info_link: str | None = Field(default=None, description="Official page.")


class Spacecraft(_Flown, table=True):
    """A spacecraft, the physical vehicle (Crew Dragon Resilience, C207)."""

    __tablename__ = "spacecraft"
    id: int = Field(primary_key=True, description="LL2's id of the spacecraft.")
    name: str | None = Field(default=None, description="Name.")
    status_name: str | None = nested("status", "name", "Status (Active, Retired ...).")
    description: str | None = Field(default=None, description="About the spacecraft.")
    spacecraft_config_id: int | None = Field(default=None, foreign_key="spacecraft_config.id")
    in_space: bool | None = Field(default=None, description="Whether it is in space now.")
    time_in_space: str | None = Field(default=None, description="Time spent in space (ISO 8601).")
    time_docked: str | None = Field(default=None, description="Time spent docked (ISO 8601).")
    flights_count: int | None = Field(default=None, description="Flights flown (LL2).")
    mission_ends_count: int | None = Field(default=None, description="Missions ended (LL2).")


class _Flight(SQLModel):
    """What spacecraft and payload flights share: an LL2 page, where to, and a landing."""

    url: str | None = Field(default=None, description="The LL2 API URL of the flight.")
    destination: str | None = Field(default=None, description="Where it goes.")
    landing_id: int | None = Field(default=None, foreign_key="landing.id")


class SpacecraftFlight(_Flight, table=True):
    """One spacecraft's flight on one launch (LL2 `rocket.spacecraft_stage`)."""

    __tablename__ = "spacecraft_flight"
    id: int = Field(primary_key=True, description="LL2's id of the spacecraft flight.")
    mission_end: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When the mission ended."
    )
    duration: str | None = Field(default=None, description="Length of the flight (ISO 8601).")
    turn_around_time: str | None = Field(
        default=None, description="Time since the spacecraft's previous flight (ISO 8601)."
    )
    spacecraft_id: int | None = Field(default=None, foreign_key="spacecraft.id", index=True)


class AstronautFlight(SQLModel, table=True):
    """An astronaut's seat on a spacecraft flight, in its crews (launch, on board, landing)."""

    __tablename__ = "astronaut_flight"
    id: int = Field(primary_key=True, description="LL2's id of the crew seat.")
    role: str | None = text_of("role", "role", "Role (Commander, Pilot ...).")
    role_id: int | None = nested("role", "id", "LL2's id of the role (API 2.3.0 on).")
    role_priority: int | None = nested("role", "priority", "Order of the role (API 2.3.0 on).")
    astronaut_id: int | None = Field(default=None, foreign_key="astronaut.id", index=True)


class Payload(SQLModel, table=True):
    """A payload: a satellite, a probe, a test article (API 2.3.0 on)."""

    __tablename__ = "payload"
    id: int = Field(primary_key=True, description="LL2's id of the payload.")
    name: str | None = Field(default=None, index=True, description="Name.")
    type_id: int | None = nested("type", "id", "LL2's id of the payload type.")
    type_name: str | None = nested("type", "name", "Kind of payload.")
    manufacturer_id: int | None = Field(default=None, foreign_key="agency.id")
    operator_id: int | None = Field(default=None, foreign_key="agency.id")
    image_id: int | None = Field(default=None, foreign_key="image.id")
    wiki_link: str | None = Field(default=None, description="Wikipedia article.")
    info_link: str | None = Field(default=None, description="Official page.")
    # As LL2's exact number (84, not 84.0), like coordinates.
    cost: float | None = Field(default=None, sa_type=DecimalText, description="Cost in US dollars.")
    mass: float | None = Field(default=None, sa_type=DecimalText, description="Mass in kg.")
    description: str | None = Field(default=None, description="About the payload.")


class PayloadFlight(_Flight, table=True):
    """One payload's flight on one launch (LL2 `rocket.payloads[]`, API 2.3.0 on)."""

    __tablename__ = "payload_flight"
    id: int = Field(primary_key=True, description="LL2's id of the payload flight.")
    amount: int | None = Field(default=None, description="How many of the payload fly.")
    payload_id: int | None = Field(default=None, foreign_key="payload.id", index=True)


class DockingLocation(ll2_object("docking location", served=False), table=True):
    """A port where vehicles dock, on a space station (Harmony forward, Poisk zenith ...)."""

    __tablename__ = "docking_location"
    name: str | None = Field(default=None, description="Name of the port.")
    spacestation_id: int | None = Field(default=None, foreign_key="spacestation.id")


class DockingEvent(ll2_object("docking event"), table=True):
    """A spacecraft's or payload's stay docked at a station (LL2 `docking_events[]` of a
    flight)."""

    __tablename__ = "docking_event"
    docking: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When it docked."
    )
    departure: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="When it left (null: still docked)."
    )
    docking_location_id: int | None = Field(default=None, foreign_key="docking_location.id")
    space_station_target_id: int | None = Field(default=None, foreign_key="spacestation.id")


class SocialMedia(SQLModel, table=True):
    """A social network (Twitter, YouTube ...), API 2.3.0 on."""

    __tablename__ = "social_media"
    id: int = Field(primary_key=True, description="LL2's id of the network.")
    name: str | None = Field(default=None, description="Name.")
    url: str | None = Field(default=None, description="Its home page.")
    logo_id: int | None = Field(default=None, foreign_key="image.id")


class SocialMediaLink(SQLModel, table=True):
    """An account on a social network (an agency's, an astronaut's), API 2.3.0 on."""

    __tablename__ = "social_media_link"
    id: int = Field(primary_key=True, description="LL2's id of the link.")
    social_media_id: int | None = Field(default=None, foreign_key="social_media.id")
    url: str | None = Field(default=None, description="The account's page.")
