"""Every SQLModel table of the LL2 graph; importing this package registers them all."""

from sqlmodel import SQLModel

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
    LaunchMissionPatch,
    LaunchProgram,
    MissionAgency,
    PadAgency,
    ProgramAgency,
    ProgramMissionPatch,
)
from launchgraph.db.tables.meta import DataVersion, SyncState
from launchgraph.db.tables.missions import Mission, Orbit
from launchgraph.db.tables.places import Location, Pad
from launchgraph.db.tables.programs import MissionPatch, Program, ProgramType
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

__all__ = [
    "MODELS",
    "Agency",
    "AgencyCountry",
    "Astronaut",
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
    "Launch",
    "LaunchMissionPatch",
    "LaunchProgram",
    "LaunchStatus",
    "LaunchTimelineStep",
    "LaunchUpdate",
    "LauncherConfig",
    "LauncherConfigFamily",
    "LauncherConfigProgram",
    "LauncherFamily",
    "Location",
    "Mission",
    "MissionAgency",
    "MissionPatch",
    "Orbit",
    "Pad",
    "PadAgency",
    "Program",
    "ProgramAgency",
    "ProgramMissionPatch",
    "ProgramType",
    "Rocket",
    "SpaceStation",
    "SpaceStationStatus",
    "Spacewalk",
    "SyncState",
    "VidURL",
    "metadata",
]
