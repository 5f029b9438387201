"""Every SQLModel table of the LL2 graph; importing this package registers them all."""

from sqlmodel import SQLModel

from db.tables.agencies import Agency
from db.tables.events import DatePrecision, Event, EventType, EventUpdate
from db.tables.launches import Launch, LauncherConfig, LaunchStatus, Rocket
from db.tables.links import (
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
from db.tables.meta import DataVersion
from db.tables.missions import Mission, Orbit
from db.tables.places import Location, Pad
from db.tables.programs import MissionPatch, Program, ProgramType
from db.tables.stations import Expedition, SpaceStation, SpaceStationStatus
from db.tables.urls import InfoURL, VidURL

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
