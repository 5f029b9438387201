"""The LaunchGraph GraphQL schema."""

from __future__ import annotations

import strawberry
from launchgraph.gql.resolvers.query import Query
from launchgraph.gql.types.agencies import Agency
from launchgraph.gql.types.events import DatePrecision, Event, EventType, EventUpdate
from launchgraph.gql.types.launches import Launch, LauncherConfig, LaunchStatus, Rocket
from launchgraph.gql.types.missions import Mission, Orbit
from launchgraph.gql.types.places import Location, Pad
from launchgraph.gql.types.programs import MissionPatch, Program, ProgramType
from launchgraph.gql.types.stations import Expedition, SpaceStation, SpaceStationStatus
from launchgraph.gql.types.urls import InfoURL, VidURL

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
