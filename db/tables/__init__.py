"""Every SQLModel table of the LL2 graph; importing this package registers them all."""

from launchgraph.db.tables.agencies import Agency
from launchgraph.db.tables.events import DatePrecision, Event, EventType, EventUpdate
from launchgraph.db.tables.launches import Launch, LauncherConfig, LaunchStatus, Rocket
from launchgraph.db.tables.links import (
    EventAgency,
    EventExpedition,
    EventLaunch,
    EventProgram,
    EventSpaceStation,
    LaunchProgram,
    MissionAgency,
    ProgramAgency,
    ProgramMissionPatch,
)
from launchgraph.db.tables.meta import DataVersion
from launchgraph.db.tables.missions import Mission, Orbit
from launchgraph.db.tables.places import Location, Pad
from launchgraph.db.tables.programs import MissionPatch, Program, ProgramType
from launchgraph.db.tables.stations import Expedition, SpaceStation, SpaceStationStatus
from launchgraph.db.tables.urls import InfoURL, VidURL
from sqlmodel import SQLModel

metadata = SQLModel.metadata

__all__ = [
    "Agency",
    "DataVersion",
    "DatePrecision",
    "Event",
    "EventAgency",
    "EventExpedition",
    "EventLaunch",
    "EventProgram",
    "EventSpaceStation",
    "EventType",
    "EventUpdate",
    "Expedition",
    "InfoURL",
    "Launch",
    "LaunchProgram",
    "LaunchStatus",
    "LauncherConfig",
    "Location",
    "Mission",
    "MissionAgency",
    "MissionPatch",
    "Orbit",
    "Pad",
    "Program",
    "ProgramAgency",
    "ProgramMissionPatch",
    "ProgramType",
    "Rocket",
    "SpaceStation",
    "SpaceStationStatus",
    "VidURL",
    "metadata",
]
