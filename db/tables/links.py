"""Many-to-many link tables.

Each has a composite primary key (owner, target), an index on the reverse column, and the
position the target held in LL2's list, so lists read back in LL2's order.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class EventLaunch(SQLModel, table=True):
    """event.launches"""

    __tablename__ = "event_launch"
    event_id: int = Field(foreign_key="event.id", primary_key=True)
    launch_id: str = Field(foreign_key="launch.id", primary_key=True, index=True)
    position: int = 0


class EventAgency(SQLModel, table=True):
    """event.agencies"""

    __tablename__ = "event_agency"
    event_id: int = Field(foreign_key="event.id", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, index=True)
    position: int = 0


class EventProgram(SQLModel, table=True):
    """event.program"""

    __tablename__ = "event_program"
    event_id: int = Field(foreign_key="event.id", primary_key=True)
    program_id: int = Field(foreign_key="program.id", primary_key=True, index=True)
    position: int = 0


class EventSpaceStation(SQLModel, table=True):
    """event.spacestations"""

    __tablename__ = "event_spacestation"
    event_id: int = Field(foreign_key="event.id", primary_key=True)
    spacestation_id: int = Field(foreign_key="spacestation.id", primary_key=True, index=True)
    position: int = 0


class EventExpedition(SQLModel, table=True):
    """event.expeditions"""

    __tablename__ = "event_expedition"
    event_id: int = Field(foreign_key="event.id", primary_key=True)
    expedition_id: int = Field(foreign_key="expedition.id", primary_key=True, index=True)
    position: int = 0


class LaunchProgram(SQLModel, table=True):
    """launch.program"""

    __tablename__ = "launch_program"
    launch_id: str = Field(foreign_key="launch.id", primary_key=True)
    program_id: int = Field(foreign_key="program.id", primary_key=True, index=True)
    position: int = 0


class ProgramAgency(SQLModel, table=True):
    """program.agencies"""

    __tablename__ = "program_agency"
    program_id: int = Field(foreign_key="program.id", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, index=True)
    position: int = 0


class ProgramMissionPatch(SQLModel, table=True):
    """program.mission_patches"""

    __tablename__ = "program_mission_patch"
    program_id: int = Field(foreign_key="program.id", primary_key=True)
    mission_patch_id: int = Field(foreign_key="mission_patch.id", primary_key=True, index=True)
    position: int = 0


class MissionAgency(SQLModel, table=True):
    """mission.agencies"""

    __tablename__ = "mission_agency"
    mission_id: int = Field(foreign_key="mission.id", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, index=True)
    position: int = 0
