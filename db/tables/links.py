"""Many-to-many link tables.

Each has a composite primary key (owner, target), an index on the reverse column, and the
position the target held in LL2's list, so lists read back in LL2's order. They differ only
in the two tables they link, so one function makes them.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Field, SQLModel


def _link(class_name: str, owner: str, target: str, owner_key: type = int, name: str = "") -> Any:
    """The table `{owner}_{target}` (or `name`, when an owner has several lists of the same
    target) linking owner rows to target rows (launch ids are UUID text, the others
    integers)."""
    owner_col, target_col = f"{owner}_id", f"{target}_id"
    namespace = {
        "__module__": __name__,
        "__doc__": f"Links a {owner} to its {target}s, in LL2's order.",
        "__tablename__": name or f"{owner}_{target}",
        "__annotations__": {owner_col: owner_key, target_col: int, "position": int},
        owner_col: Field(foreign_key=f"{owner}.id", primary_key=True),
        target_col: Field(foreign_key=f"{target}.id", primary_key=True, index=True),
        "position": 0,
    }
    if target == "launch":
        namespace["__annotations__"][target_col] = str
    return type(class_name, (SQLModel,), namespace, table=True)


EventLaunch = _link("EventLaunch", "event", "launch")
EventAgency = _link("EventAgency", "event", "agency")
EventProgram = _link("EventProgram", "event", "program")
EventSpaceStation = _link("EventSpaceStation", "event", "spacestation")
EventExpedition = _link("EventExpedition", "event", "expedition")
LaunchProgram = _link("LaunchProgram", "launch", "program", owner_key=str)
ProgramAgency = _link("ProgramAgency", "program", "agency")
ProgramMissionPatch = _link("ProgramMissionPatch", "program", "mission_patch")
MissionAgency = _link("MissionAgency", "mission", "agency")
# API 2.3.0 on.
AgencyCountry = _link("AgencyCountry", "agency", "country")
PadAgency = _link("PadAgency", "pad", "agency")
LaunchMissionPatch = _link("LaunchMissionPatch", "launch", "mission_patch", owner_key=str)
LauncherConfigFamily = _link("LauncherConfigFamily", "launcher_config", "launcher_family")
LauncherConfigProgram = _link("LauncherConfigProgram", "launcher_config", "program")
ExpeditionMissionPatch = _link("ExpeditionMissionPatch", "expedition", "mission_patch")
ExpeditionSpacewalk = _link("ExpeditionSpacewalk", "expedition", "spacewalk")
EventAstronaut = _link("EventAstronaut", "event", "astronaut")
# A link, not owned rows, so that images (and every object nesting one) stay memoizable in
# ingest.
ImageImageVariant = _link("ImageImageVariant", "image", "image_variant")
RocketLauncherStage = _link("RocketLauncherStage", "rocket", "launcher_stage")
RocketSpacecraftFlight = _link("RocketSpacecraftFlight", "rocket", "spacecraft_flight")
RocketPayloadFlight = _link("RocketPayloadFlight", "rocket", "payload_flight")
PayloadProgram = _link("PayloadProgram", "payload", "program")
LauncherFamilyAgency = _link("LauncherFamilyAgency", "launcher_family", "agency")
AgencySocialMediaLink = _link("AgencySocialMediaLink", "agency", "social_media_link")
# A crew seat may be in several crews of a flight (launched and landed with it).
SpacecraftFlightLaunchCrew, SpacecraftFlightOnboardCrew, SpacecraftFlightLandingCrew = (
    _link(
        f"SpacecraftFlight{crew.title()}Crew",
        "spacecraft_flight",
        "astronaut_flight",
        name=f"{crew}_crew",
    )
    for crew in ("launch", "onboard", "landing")
)
