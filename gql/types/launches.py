"""Launch, its status, and the rocket and launcher configuration that fly it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from launchgraph.gql.pagination import Connection
from launchgraph.gql.types.base import LL2Node, to_many, to_one, to_pages
from launchgraph.gql.types.urls import InfoURL, VidURL
from strawberry.types import Info

if TYPE_CHECKING:
    from launchgraph.gql.types.agencies import Agency
    from launchgraph.gql.types.events import DatePrecision, Event
    from launchgraph.gql.types.missions import Mission
    from launchgraph.gql.types.places import Pad
    from launchgraph.gql.types.programs import Program

_agencies = strawberry.lazy("launchgraph.gql.types.agencies")
_events = strawberry.lazy("launchgraph.gql.types.events")
_missions = strawberry.lazy("launchgraph.gql.types.missions")
_places = strawberry.lazy("launchgraph.gql.types.places")
_programs = strawberry.lazy("launchgraph.gql.types.programs")


@strawberry.type(description="A launch status (Go, TBD, Success, Failure ...).")
class LaunchStatus(LL2Node):
    table = "launch_status"
    ll2_id: int = strawberry.field(description="LL2's id of the status.")
    name: str | None = strawberry.field(description="Name of the status.")
    abbrev: str | None = strawberry.field(description="Abbreviation (Go, TBD, TBC ...).")
    description: str | None = strawberry.field(description="What the status means.")

    @strawberry.field(description="Launches with this status, by NET.")
    @to_pages("launch_status.launches")
    async def launches(self, info: Info) -> Connection[Launch]: ...


@strawberry.type(
    description="A launcher configuration (LL2 `rocket.configuration`), e.g. Falcon 9 Block 5. "
    "Fields beyond name/family/fullName/variant come only from LL2's detailed launch mode."
)
class LauncherConfig(LL2Node):
    table = "launcher_config"
    ll2_id: int = strawberry.field(description="LL2's id of the configuration.")
    url: str | None = strawberry.field(description="The LL2 API URL of the configuration.")
    launch_library_id: int | None = strawberry.field(description="Legacy Launch Library 1 id.")
    name: str = strawberry.field(description="Name.")
    family: str | None = strawberry.field(description="Rocket family.")
    full_name: str | None = strawberry.field(description="Full name.")
    variant: str | None = strawberry.field(description="Variant.")
    alias: str | None = strawberry.field(description="Other names.")
    description: str | None = strawberry.field(description="About the launcher.")
    min_stage: int | None = strawberry.field(description="Fewest stages.")
    max_stage: int | None = strawberry.field(description="Most stages.")
    length: float | None = strawberry.field(description="Length in metres.")
    diameter: float | None = strawberry.field(description="Diameter in metres.")
    maiden_flight: str | None = strawberry.field(description="Date of the first flight.")
    launch_mass: int | None = strawberry.field(description="Launch mass in tonnes.")
    leo_capacity: int | None = strawberry.field(description="Payload to LEO in kg.")
    gto_capacity: int | None = strawberry.field(description="Payload to GTO in kg.")
    to_thrust: int | None = strawberry.field(description="Thrust at lift-off in kN.")
    apogee: int | None = strawberry.field(description="Apogee of suborbital flights in km.")
    vehicle_range: int | None = strawberry.field(description="Range in km.")
    image_url: str | None = strawberry.field(description="Image URL.")
    info_url: str | None = strawberry.field(description="Official page.")
    wiki_url: str | None = strawberry.field(description="Wikipedia article.")
    total_launch_count: int | None = strawberry.field(description="Launches, all time (LL2).")
    consecutive_successful_launches: int | None = strawberry.field(
        description="Current streak of successes (LL2)."
    )
    successful_launches: int | None = strawberry.field(description="Successes (LL2).")
    failed_launches: int | None = strawberry.field(description="Failures (LL2).")
    pending_launches: int | None = strawberry.field(description="Upcoming launches (LL2).")
    manufacturer_id: strawberry.Private[int | None]

    @strawberry.field(description="Who builds it.")
    @to_one("agency", "manufacturer_id")
    async def manufacturer(self, info: Info) -> Annotated[Agency, _agencies] | None: ...

    @strawberry.field(description="Launches flown with this configuration, by NET.")
    @to_pages("launcher_config.launches")
    async def launches(self, info: Info) -> Connection[Launch]: ...


@strawberry.type(description="The rocket of one launch: an instance of a configuration.")
class Rocket(LL2Node):
    table = "rocket"
    ll2_id: int = strawberry.field(description="LL2's id of the rocket.")
    configuration_id: strawberry.Private[int | None]

    @strawberry.field(description="The launcher configuration.")
    @to_one("launcher_config", "configuration_id")
    async def configuration(self, info: Info) -> LauncherConfig | None: ...


@strawberry.type(
    description="A launch: NET and window, status, provider, rocket, mission and pad. "
    "The *Count fields are LL2's own figures."
)
class Launch(LL2Node):
    table = "launch"
    ll2_id: str = strawberry.field(description="LL2's id of the launch (a UUID).")
    url: str | None = strawberry.field(description="The LL2 API URL of the launch.")
    launch_library_id: int | None = strawberry.field(description="Legacy Launch Library 1 id.")
    slug: str | None = strawberry.field(description="URL-friendly name.")
    name: str = strawberry.field(description="Name: rocket | mission.")
    last_updated: datetime | None = strawberry.field(
        description="When LL2 last changed the launch (null in API 2.0.0 data)."
    )
    net: datetime | None = strawberry.field(description="No Earlier Than: the launch time (UTC).")
    window_start: datetime | None = strawberry.field(description="Start of the launch window.")
    window_end: datetime | None = strawberry.field(description="End of the launch window.")
    probability: int | None = strawberry.field(description="Weather probability, percent.")
    weather_concerns: str | None = strawberry.field(description="Weather concerns, as text.")
    holdreason: str | None = strawberry.field(description="Why the launch is on hold.")
    failreason: str | None = strawberry.field(description="Why the launch failed.")
    hashtag: str | None = strawberry.field(description="Social media hashtag.")
    webcast_live: bool | None = strawberry.field(description="Whether a webcast is live now.")
    image: str | None = strawberry.field(description="Image URL.")
    infographic: str | None = strawberry.field(description="Infographic URL.")
    type: str | None = strawberry.field(description="LL2's launch record type (normal ...).")
    inhold: bool | None = strawberry.field(description="In hold (API 2.0.0 only).")
    tbdtime: bool | None = strawberry.field(description="Time to be determined (API 2.0.0 only).")
    tbddate: bool | None = strawberry.field(description="Date to be determined (API 2.0.0 only).")
    orbital_launch_attempt_count: int | None = strawberry.field(
        description="Orbital launch attempts worldwide up to this one (LL2)."
    )
    location_launch_attempt_count: int | None = strawberry.field(
        description="Launch attempts from this location up to this one (LL2)."
    )
    pad_launch_attempt_count: int | None = strawberry.field(
        description="Launch attempts from this pad up to this one (LL2)."
    )
    agency_launch_attempt_count: int | None = strawberry.field(
        description="Launch attempts by this provider up to this one (LL2)."
    )
    orbital_launch_attempt_count_year: int | None = strawberry.field(
        description="Orbital launch attempts worldwide this year up to this one (LL2)."
    )
    location_launch_attempt_count_year: int | None = strawberry.field(
        description="Attempts from this location this year up to this one (LL2)."
    )
    pad_launch_attempt_count_year: int | None = strawberry.field(
        description="Attempts from this pad this year up to this one (LL2)."
    )
    agency_launch_attempt_count_year: int | None = strawberry.field(
        description="Attempts by this provider this year up to this one (LL2)."
    )
    status_id: strawberry.Private[int | None]
    net_precision_id: strawberry.Private[int | None]
    launch_service_provider_id: strawberry.Private[int | None]
    rocket_id: strawberry.Private[int | None]
    mission_id: strawberry.Private[int | None]
    pad_id: strawberry.Private[int | None]

    @strawberry.field(description="The launch status.")
    @to_one("launch_status", "status_id")
    async def status(self, info: Info) -> LaunchStatus | None: ...

    @strawberry.field(description="How precise `net` is.")
    @to_one("date_precision", "net_precision_id")
    async def net_precision(self, info: Info) -> Annotated[DatePrecision, _events] | None: ...

    @strawberry.field(description="The agency that provides the launch.")
    @to_one("agency", "launch_service_provider_id")
    async def launch_service_provider(self, info: Info) -> Annotated[Agency, _agencies] | None: ...

    @strawberry.field(description="The rocket, and through it the launcher configuration.")
    @to_one("rocket", "rocket_id")
    async def rocket(self, info: Info) -> Rocket | None: ...

    @strawberry.field(description="The mission flown.")
    @to_one("mission", "mission_id")
    async def mission(self, info: Info) -> Annotated[Mission, _missions] | None: ...

    @strawberry.field(description="The launch pad.")
    @to_one("pad", "pad_id")
    async def pad(self, info: Info) -> Annotated[Pad, _places] | None: ...

    @strawberry.field(description="Programs the launch belongs to (LL2 `program`).")
    @to_many("launch.programs")
    async def programs(self, info: Info) -> list[Annotated[Program, _programs]]: ...

    @strawberry.field(description="Events related to this launch, by date.")
    @to_many("launch.events")
    async def events(self, info: Info) -> list[Annotated[Event, _events]]: ...

    @strawberry.field(description="Links to information (LL2 detailed mode `infoURLs`).")
    @to_many("launch.info_urls")
    async def info_urls(self, info: Info) -> list[InfoURL]: ...

    @strawberry.field(description="Links to videos (LL2 detailed mode `vidURLs`).")
    @to_many("launch.vid_urls")
    async def vid_urls(self, info: Info) -> list[VidURL]: ...
