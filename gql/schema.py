"""The LaunchGraph GraphQL schema."""

from __future__ import annotations

import strawberry

from gql.resolvers.query import Query
from gql.types.agencies import Agency
from gql.types.events import DatePrecision, Event, EventType, EventUpdate
from gql.types.launches import Launch, LauncherConfig, LaunchStatus, Rocket
from gql.types.missions import Mission, Orbit
from gql.types.places import Location, Pad
from gql.types.programs import MissionPatch, Program, ProgramType
from gql.types.stations import Expedition, SpaceStation, SpaceStationStatus
from gql.types.urls import InfoURL, VidURL

# Listed so every Node type is in the schema even where no field returns it directly.
ALL_TYPES = [
    Agency, DatePrecision, Event, EventType, EventUpdate, Launch, LauncherConfig,
    LaunchStatus, Rocket, Mission, Orbit, Location, Pad, MissionPatch, Program, ProgramType,
    Expedition, SpaceStation, SpaceStationStatus, InfoURL, VidURL,
]  # fmt: skip

schema = strawberry.Schema(query=Query, types=ALL_TYPES)


def sdl() -> str:
    """The schema in GraphQL SDL, as committed in schema.graphql."""
    return schema.as_str() + "\n"
