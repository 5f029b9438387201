"""Every SQLModel table of the LL2 graph; importing this package registers them all."""

from sqlalchemy import Column
from sqlmodel import SQLModel

from launchgraph.db.coltypes import UTCDateTime
from launchgraph.db.tables.agencies import Agency
from launchgraph.db.tables.astronauts import Astronaut
from launchgraph.db.tables.events import DatePrecision, Event, EventType, EventUpdate
from launchgraph.db.tables.images import Image, ImageVariant
from launchgraph.db.tables.launches import (
    Launch,
    LauncherConfig,
    LauncherFamily,
    LaunchStatus,
    LaunchTimelineStep,
    LaunchUpdate,
    Rocket,
)
from launchgraph.db.tables.links import (
    AgencyCountry,
    AgencySocialMediaLink,
    EventAgency,
    EventAstronaut,
    EventExpedition,
    EventLaunch,
    EventProgram,
    EventSpaceStation,
    ExpeditionMissionPatch,
    ExpeditionSpacewalk,
    ImageImageVariant,
    LauncherConfigFamily,
    LauncherConfigProgram,
    LauncherFamilyAgency,
    LaunchMissionPatch,
    LaunchProgram,
    MissionAgency,
    PadAgency,
    PayloadProgram,
    ProgramAgency,
    ProgramMissionPatch,
    RocketLauncherStage,
    RocketPayloadFlight,
    RocketSpacecraftFlight,
    SpacecraftFlightLandingCrew,
    SpacecraftFlightLaunchCrew,
    SpacecraftFlightOnboardCrew,
)
from launchgraph.db.tables.meta import DataVersion, SyncState
from launchgraph.db.tables.missions import Mission, Orbit
from launchgraph.db.tables.places import Location, Pad
from launchgraph.db.tables.programs import MissionPatch, Program, ProgramType
from launchgraph.db.tables.stages import (
    AstronautFlight,
    Landing,
    LandingLocation,
    LandingType,
    Launcher,
    LauncherStage,
    Payload,
    PayloadFlight,
    SocialMedia,
    SocialMediaLink,
    Spacecraft,
    SpacecraftConfig,
    SpacecraftFlight,
)
from launchgraph.db.tables.stations import (
    Expedition,
    SpaceStation,
    SpaceStationStatus,
    Spacewalk,
)
from launchgraph.db.tables.urls import InfoURL, VidURL
from launchgraph.db.tables.world import CelestialBody, Country

metadata = SQLModel.metadata

# The documentation of each LL2 field is written once, on its SQLModel field; it is copied
# into the column's `info` so that readers of the SQLAlchemy tables (the GraphQL types, the
# SQL compiler) find it there. A column without one is not an LL2 field (relation keys,
# positions).


def _subclasses(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_subclasses(sub))]


# table name -> its SQLModel class, in the order the classes are declared
MODELS: dict[str, type[SQLModel]] = {
    model.__tablename__: model  # type: ignore[misc]
    for model in _subclasses(SQLModel)
    if hasattr(model, "__table__")
}
for _model in MODELS.values():
    for _name, _field in _model.model_fields.items():
        if _field.description:
            _model.__table__.c[_name].info["description"] = _field.description  # type: ignore[attr-defined]
    if _model.__doc__:
        _model.__table__.info["description"] = " ".join(_model.__doc__.split())  # type: ignore[attr-defined]

# LL2 stamps only events and launches (last_updated). Every other object with an id (pads,
# agencies, boosters ...) is as new as the event or launch it came in: ingest keeps that
# stamp in `as_of`, so an older snapshot never overwrites what a newer one stored.
AS_OF = "as_of"
for _model in MODELS.values():
    _table = _model.__table__  # type: ignore[attr-defined]
    if (
        "id" in _table.c
        and _table.c.id.primary_key
        and "last_updated" not in _table.c
        and any("description" in c.info for c in _table.c)
    ):
        _table.append_column(Column(AS_OF, UTCDateTime(), nullable=True))

__all__ = [
    "MODELS",
    "Agency",
    "AgencyCountry",
    "AgencySocialMediaLink",
    "Astronaut",
    "AstronautFlight",
    "CelestialBody",
    "Country",
    "DataVersion",
    "DatePrecision",
    "Event",
    "EventAgency",
    "EventAstronaut",
    "EventExpedition",
    "EventLaunch",
    "EventProgram",
    "EventSpaceStation",
    "EventType",
    "EventUpdate",
    "Expedition",
    "ExpeditionMissionPatch",
    "ExpeditionSpacewalk",
    "Image",
    "ImageImageVariant",
    "ImageVariant",
    "InfoURL",
    "Landing",
    "LandingLocation",
    "LandingType",
    "Launch",
    "LaunchMissionPatch",
    "LaunchProgram",
    "LaunchStatus",
    "LaunchTimelineStep",
    "LaunchUpdate",
    "Launcher",
    "LauncherConfig",
    "LauncherConfigFamily",
    "LauncherConfigProgram",
    "LauncherFamily",
    "LauncherFamilyAgency",
    "LauncherStage",
    "Location",
    "Mission",
    "MissionAgency",
    "MissionPatch",
    "Orbit",
    "Pad",
    "PadAgency",
    "Payload",
    "PayloadFlight",
    "PayloadProgram",
    "Program",
    "ProgramAgency",
    "ProgramMissionPatch",
    "ProgramType",
    "Rocket",
    "RocketLauncherStage",
    "RocketPayloadFlight",
    "RocketSpacecraftFlight",
    "SocialMedia",
    "SocialMediaLink",
    "SpaceStation",
    "SpaceStationStatus",
    "Spacecraft",
    "SpacecraftConfig",
    "SpacecraftFlight",
    "SpacecraftFlightLandingCrew",
    "SpacecraftFlightLaunchCrew",
    "SpacecraftFlightOnboardCrew",
    "Spacewalk",
    "SyncState",
    "VidURL",
    "metadata",
]
