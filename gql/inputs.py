"""Filter and ordering input objects of the root lists, and their conversion to the plain
criteria the db layer understands (field names are the criteria names)."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import strawberry

from launchgraph.gql.errors import INVALID_ARGUMENT, UserError


@strawberry.input(description="A range of instants; every bound given must hold.")
class DateTimeRange:
    gt: datetime | None = strawberry.field(default=None, description="Strictly after.")
    gte: datetime | None = strawberry.field(default=None, description="At or after.")
    lt: datetime | None = strawberry.field(default=None, description="Strictly before.")
    lte: datetime | None = strawberry.field(default=None, description="At or before.")


@strawberry.enum(description="Sort direction.")
class SortDirection(enum.Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest first; nulls last.")
    DESC = strawberry.enum_value("DESC", description="Largest first; nulls first.")


def _order_input(name: str, fields: dict[str, str], what: str) -> tuple[Any, Any]:
    """An enum of sortable fields and an input {field, direction} for one list."""
    members = {f: strawberry.enum_value(f, description=d) for f, d in fields.items()}
    field_enum = strawberry.enum(
        enum.Enum(f"{name}OrderField", members),  # type: ignore[misc]
        description=f"Fields {what} can be ordered by.",
    )
    cls = type(
        f"{name}Order",
        (),
        {
            "__annotations__": {"field": field_enum, "direction": SortDirection},
            "field": strawberry.field(description="The field to order by."),
            "direction": strawberry.field(
                default=SortDirection.ASC, description="Ascending (default) or descending."
            ),
        },
    )
    return field_enum, strawberry.input(
        cls, description=f"One ordering component for {what}; the id is always the last."
    )


_ID = {"ID": "LL2's id."}
_NAME = {"NAME": "Name, alphabetically."}
EventOrderField, EventOrder = _order_input(
    "Event",
    {"DATE": "Event date.", "LAST_UPDATED": "Last change in LL2.", **_NAME, **_ID},
    "events",
)
LaunchOrderField, LaunchOrder = _order_input(
    "Launch",
    {"NET": "Launch time (NET).", "LAST_UPDATED": "Last change in LL2.", **_NAME, **_ID},
    "launches",
)
AgencyOrderField, AgencyOrder = _order_input("Agency", {**_NAME, **_ID}, "agencies")
ProgramOrderField, ProgramOrder = _order_input(
    "Program", {**_NAME, "START_DATE": "Start date.", **_ID}, "programs"
)
PadOrderField, PadOrder = _order_input("Pad", {**_NAME, **_ID}, "pads")
LocationOrderField, LocationOrder = _order_input("Location", {**_NAME, **_ID}, "locations")
SpaceStationOrderField, SpaceStationOrder = _order_input(
    "SpaceStation", {**_NAME, "FOUNDED": "Founding date.", **_ID}, "space stations"
)
ExpeditionOrderField, ExpeditionOrder = _order_input(
    "Expedition", {"START": "Start date.", **_NAME, **_ID}, "expeditions"
)
LauncherConfigOrderField, LauncherConfigOrder = _order_input(
    "LauncherConfig", {**_NAME, **_ID}, "launcher configurations"
)
EventTypeOrderField, EventTypeOrder = _order_input("EventType", {**_NAME, **_ID}, "event types")


def _f(description: str) -> Any:
    return strawberry.field(default=None, description=description)


SEARCH = "Case-insensitive substring of the name (LL2 `search`)."


@strawberry.input(description="Filters on events; all given filters must hold (AND).")
class EventFilter:
    ids: list[int] | None = _f("LL2 ids (LL2 `id`).")
    type_ids: list[int] | None = _f("Event type ids (LL2 `type`, `type__ids`).")
    type_name: str | None = _f("Event type name, case-insensitive, exact.")
    program_ids: list[int] | None = _f("Program ids (LL2 `program`).")
    agency_ids: list[int] | None = _f("Agency ids (LL2 `agency__ids`).")
    launch_ids: list[str] | None = _f("Launch ids (UUIDs).")
    spacestation_ids: list[int] | None = _f("Space station ids.")
    last_updated: DateTimeRange | None = _f("Last change in LL2 (LL2 `last_updated__gte/lte`).")
    date: DateTimeRange | None = _f("Event date (LL2 `date__gt/gte/lt/lte`).")
    year: int | None = _f("Year of the date, UTC (LL2 `year`).")
    month: int | None = _f("Month of the date, 1-12, UTC (LL2 `month`).")
    day: int | None = _f("Day of the month of the date, UTC (LL2 `day`).")
    slug: str | None = _f("Exact slug (LL2 `slug`).")
    video_url: str | None = _f("Exact video URL (LL2 `video_url`).")
    search: str | None = _f(SEARCH)


@strawberry.input(description="Filters on launches; all given filters must hold (AND).")
class LaunchFilter:
    ids: list[str] | None = _f("Launch ids (UUIDs).")
    name: str | None = _f("Exact name (LL2 `name`).")
    slug: str | None = _f("Exact slug (LL2 `slug`).")
    status_ids: list[int] | None = _f("Launch status ids (LL2 `status`).")
    provider_ids: list[int] | None = _f("Launch service provider ids (LL2 `lsp__id`).")
    provider_name: str | None = _f("Provider name, case-insensitive, exact (LL2 `lsp__name`).")
    configuration_ids: list[int] | None = _f("Launcher configuration ids.")
    pad_ids: list[int] | None = _f("Pad ids (LL2 `pad`).")
    location_ids: list[int] | None = _f("Location ids (LL2 `location__ids`).")
    mission_agency_ids: list[int] | None = _f("Mission agency ids (`mission__agency__ids`).")
    launch_designators: list[str] | None = _f(
        "COSPAR designators (1957-001 ...) of the launch or, before API 2.3.0, its mission "
        "(LL2 `launch_designator`)."
    )
    orbit_name: str | None = _f("Name of the mission's orbit, exact (`mission__orbit__name`).")
    orbit_name_contains: str | None = _f(
        "Case-insensitive substring of the mission's orbit name "
        "(`mission__orbit__name__icontains`)."
    )
    orbit_celestial_body_ids: list[int] | None = _f(
        "Ids of the body the mission's orbit goes around (`mission__orbit__celestial_body__id`)."
    )
    location_celestial_body_ids: list[int] | None = _f(
        "Ids of the body the launch site is on (`pad__location__celestial_body__id`)."
    )
    serial_numbers: list[str] | None = _f(
        "Serial numbers of boosters the rocket flies (B1082 ...; LL2 `serial_number`)."
    )
    spacecraft_ids: list[int] | None = _f(
        "Ids of spacecraft the rocket flies (`rocket__spacecraftflight__spacecraft__id`)."
    )
    spacecraft_name: str | None = _f(
        "Name of a spacecraft the rocket flies, exact "
        "(`rocket__spacecraftflight__spacecraft__name`)."
    )
    spacecraft_name_contains: str | None = _f(
        "Case-insensitive substring of the name of a spacecraft the rocket flies "
        "(`rocket__spacecraftflight__spacecraft__name__icontains`)."
    )
    spacecraft_config_ids: list[int] | None = _f(
        "Configuration ids of spacecraft the rocket flies (LL2 `spacecraft_config__ids`)."
    )
    crewed: bool | None = _f(
        "Whether the rocket flies a spacecraft with a launch crew (LL2 `is_crewed`). Crews "
        "come in LL2's detailed payloads only: a launch ingested from a list or normal page "
        "reads as uncrewed."
    )
    program_ids: list[int] | None = _f("Program ids.")
    event_ids: list[int] | None = _f("Ids of related events.")
    suborbital: bool | None = _f(
        "Whether the mission flies a suborbital trajectory (LL2 `include_suborbital=false` "
        "is `suborbital: false`)."
    )
    net: DateTimeRange | None = _f("Launch time (LL2 `net__gt/gte/lt/lte`).")
    window_start: DateTimeRange | None = _f(
        "Start of the launch window (LL2 `window_start__gt...`)."
    )
    window_end: DateTimeRange | None = _f("End of the launch window (LL2 `window_end__gt...`).")
    last_updated: DateTimeRange | None = _f("Last change in LL2.")
    year: int | None = _f("Year of the NET, UTC.")
    month: int | None = _f("Month of the NET, 1-12, UTC.")
    day: int | None = _f("Day of the month of the NET, UTC.")
    search: str | None = _f(
        "Case-insensitive substring of the name, mission, provider or rocket (LL2 `search`)."
    )


@strawberry.input(description="Filters on agencies (AND).")
class AgencyFilter:
    ids: list[int] | None = _f("LL2 ids.")
    name: str | None = _f("Name, case-insensitive, exact.")
    abbrev: str | None = _f("Abbreviation, exact (NASA, SpX ...; LL2 `abbrev`).")
    type: str | None = _f("Kind, case-insensitive (Government, Commercial ...).")
    country_code: str | None = _f("Country code, exact.")
    featured: bool | None = _f("Whether LL2 features it.")
    search: str | None = _f("Case-insensitive substring of the name or abbreviation.")


@strawberry.input(description="Filters on programs (AND).")
class ProgramFilter:
    ids: list[int] | None = _f("LL2 ids.")
    name: str | None = _f("Name, case-insensitive, exact.")
    type_ids: list[int] | None = _f("Program type ids.")
    agency_ids: list[int] | None = _f("Ids of agencies taking part.")
    start_date: DateTimeRange | None = _f("Start date.")
    search: str | None = _f(SEARCH)


@strawberry.input(description="Filters on pads (AND).")
class PadFilter:
    ids: list[int] | None = _f("LL2 ids.")
    name: str | None = _f("Name, case-insensitive, exact.")
    location_ids: list[int] | None = _f("Location ids.")
    agency_ids: list[int] | None = _f("Owning agency ids.")
    country_code: str | None = _f("Country code of the pad or its location.")
    search: str | None = _f(SEARCH)


@strawberry.input(description="Filters on locations (AND).")
class LocationFilter:
    ids: list[int] | None = _f("LL2 ids.")
    name: str | None = _f("Name, case-insensitive, exact.")
    country_code: str | None = _f("Country code, exact.")
    search: str | None = _f(SEARCH)


@strawberry.input(description="Filters on space stations (AND).")
class SpaceStationFilter:
    ids: list[int] | None = _f("LL2 ids.")
    status_ids: list[int] | None = _f("Status ids.")
    search: str | None = _f(SEARCH)


@strawberry.input(description="Filters on expeditions (AND).")
class ExpeditionFilter:
    ids: list[int] | None = _f("LL2 ids.")
    spacestation_ids: list[int] | None = _f("Space station ids.")
    start: DateTimeRange | None = _f("Start date.")
    search: str | None = _f(SEARCH)


@strawberry.input(description="Filters on launcher configurations (AND).")
class LauncherConfigFilter:
    ids: list[int] | None = _f("LL2 ids.")
    family: str | None = _f("Family, case-insensitive, exact.")
    manufacturer_ids: list[int] | None = _f("Manufacturer agency ids.")
    active: bool | None = _f("Whether it is still in service (LL2 `active`).")
    reusable: bool | None = _f("Whether it is reusable (LL2 `reusable`).")
    search: str | None = _f("Case-insensitive substring of the name, full name or family.")


@strawberry.input(description="Filters on event types (AND).")
class EventTypeFilter:
    ids: list[int] | None = _f("LL2 ids.")
    search: str | None = _f(SEARCH)


_BOUNDS = {"month": (1, 12), "day": (1, 31), "year": (1, 9999)}
MAX_SEARCH = 200
# Filters matched as substrings (LIKE patterns), whose length MAX_SEARCH caps.
_SUBSTRINGS = {"search", "orbit_name_contains", "spacecraft_name_contains"}
# Values in one list filter (`ids: [...]`); every value is one bound parameter, and drivers
# cap a statement's parameters (asyncpg: 32767).
MAX_LIST = 1000


def as_mapping(filter_: Any) -> dict[str, Any]:
    """A filter input object as {python name: value}, ranges as {op: bound}."""
    return {} if filter_ is None else dataclasses.asdict(filter_)


def criteria(values: Mapping[str, Any]) -> dict[str, Any]:
    """Filter values ({python name: value}) as plain criteria, checked: ranges keep their
    given bounds, lists become tuples."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if v is not None}
            if not value:
                continue
        elif name in _BOUNDS:
            low, high = _BOUNDS[name]
            if not all(low <= v <= high for v in (value if isinstance(value, list) else [value])):
                raise UserError(f"`{name}` must be between {low} and {high}.", INVALID_ARGUMENT)
        elif name in _SUBSTRINGS and len(value) > MAX_SEARCH:
            raise UserError(f"`{name}` is longer than {MAX_SEARCH} characters.", INVALID_ARGUMENT)
        if isinstance(value, list) and len(value) > MAX_LIST:
            raise UserError(f"`{name}` has more than {MAX_LIST} values.", INVALID_ARGUMENT)
        for item in value if isinstance(value, list) else [value]:
            check_text(name, item)
        out[name] = tuple(value) if isinstance(value, list) else value
    return out


def check_text(name: str, value: Any) -> None:
    """Refuse text no database column can hold (PostgreSQL text cannot contain NUL), which
    would otherwise fail inside the database driver."""
    if isinstance(value, str) and "\x00" in value:
        raise UserError(f"`{name}` must not contain NUL characters.", INVALID_ARGUMENT)


def ordering(order_by: list[tuple[str, bool]] | None) -> tuple[tuple[str, bool], ...]:
    """[(FIELD, ascending)] checked; empty means the list's default."""
    if not order_by:
        return ()
    seen: set[str] = set()
    for name, _ascending in order_by:
        if name in seen:
            raise UserError(f"`orderBy` names {name} twice.", INVALID_ARGUMENT)
        seen.add(name)
    return tuple(order_by)


def order_pairs(order_by: list[Any] | None) -> list[tuple[str, bool]] | None:
    """Order input objects as [(FIELD, ascending)]."""
    if order_by is None:
        return None
    return [(item.field.value, item.direction is SortDirection.ASC) for item in order_by]


# The filter and order inputs of each listable table.
FILTERS: dict[str, type] = {
    "event": EventFilter,
    "launch": LaunchFilter,
    "agency": AgencyFilter,
    "program": ProgramFilter,
    "pad": PadFilter,
    "location": LocationFilter,
    "spacestation": SpaceStationFilter,
    "expedition": ExpeditionFilter,
    "launcher_config": LauncherConfigFilter,
    "event_type": EventTypeFilter,
}
ORDERS: dict[str, type] = {
    "event": EventOrder,
    "launch": LaunchOrder,
    "agency": AgencyOrder,
    "program": ProgramOrder,
    "pad": PadOrder,
    "location": LocationOrder,
    "spacestation": SpaceStationOrder,
    "expedition": ExpeditionOrder,
    "launcher_config": LauncherConfigOrder,
    "event_type": EventTypeOrder,
}
