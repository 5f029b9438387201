"""What each list can be filtered and ordered by: plain criteria names mapped to SQL clauses.

Criteria arrive as a dict of snake_case names (`type_ids`, `date`, `search` ...); ranges are
dicts with any of gt/gte/lt/lte. Criteria compose with AND. Every ordering ends with the id,
so keyset pages are total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    CompoundSelect,
    SelectBase,
    Table,
    and_,
    extract,
    not_,
    or_,
    select,
    union,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from launchgraph.db.queries.keyset import SortKey
from launchgraph.db.tables import metadata

Clause = Callable[[Any], ColumnElement[bool]]

T = metadata.tables
event, launch, agency, program = T["event"], T["launch"], T["agency"], T["program"]
pad, location, mission, rocket = T["pad"], T["location"], T["mission"], T["rocket"]
config, station, expedition = T["launcher_config"], T["spacestation"], T["expedition"]
orbit = T["orbit"]
stage, booster = T["launcher_stage"], T["launcher"]
flight, spacecraft = T["spacecraft_flight"], T["spacecraft"]


def in_range(column: ColumnElement[Any]) -> Clause:
    ops = {
        "gt": column.__gt__,
        "gte": column.__ge__,
        "lt": column.__lt__,
        "lte": column.__le__,
    }
    return lambda rng: and_(*(ops[op](v) for op, v in rng.items() if v is not None))


def one_of(column: ColumnElement[Any]) -> Clause:
    return lambda values: column.in_(values)


def equals(column: ColumnElement[Any]) -> Clause:
    return lambda value: column == value


def iequals(column: ColumnElement[Any]) -> Clause:
    return lambda value: column.ilike(
        value.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_"), escape="\\"
    )


def contains(*columns: ColumnElement[Any]) -> Clause:
    """Case-insensitive substring over any of the columns (LL2's ?search=)."""
    return lambda text: or_(*(c.icontains(text, autoescape=True) for c in columns))


def part_of(column: ColumnElement[Any], part: str) -> Clause:
    """A calendar part of the column: one value, or any of several (LL2 2.3.0's lists,
    `day=1,15`)."""

    def clause(value: Any) -> ColumnElement[bool]:
        if isinstance(value, tuple | list):
            return extract(part, column).in_(value)
        return extract(part, column) == value

    return clause


def linked(owner: ColumnElement[Any], link: Table, owner_col: str, target_col: str) -> Clause:
    """Owners linked (through `link`) to any of the given targets."""
    return lambda ids: owner.in_(select(link.c[owner_col]).where(link.c[target_col].in_(ids)))


def dated(column: ColumnElement[Any]) -> dict[str, Clause]:
    return {
        "year": part_of(column, "year"),
        "month": part_of(column, "month"),
        "day": part_of(column, "day"),
    }


@dataclass(frozen=True)
class Listing:
    """A listable table: its criteria, its orderings, and its default ordering."""

    table: Table
    criteria: Mapping[str, Clause]
    orderings: Mapping[str, ColumnElement[Any]]
    default: tuple[tuple[str, bool], ...] = (("ID", True),)
    columns: tuple[str, ...] = field(default=())

    def where(self, criteria: Mapping[str, Any] | None) -> list[ColumnElement[bool]]:
        """The clauses for the given criteria (None and empty values are ignored)."""
        clauses = []
        for name, value in (criteria or {}).items():
            if value is None:
                continue
            clauses.append(self.criteria[name](value))
        return clauses

    def keys(self, order: list[tuple[str, bool]] | None) -> list[SortKey]:
        """Sort keys for [(FIELD, ascending)], ending with the id as the tie-breaker."""
        chosen = list(order or self.default)
        keys = [SortKey(name, self.orderings[name], asc) for name, asc in chosen]
        if not any(k.name == "ID" for k in keys):
            keys.append(SortKey("ID", self.table.c.id, chosen[-1][1] if chosen else True))
        return keys


def named(
    table: Table,
    criteria: Mapping[str, Clause] | None = None,
    orderings: Mapping[str, ColumnElement[Any]] | None = None,
    search: Clause | None = None,
    default: tuple[tuple[str, bool], ...] = (("ID", True),),
) -> Listing:
    """The listing of a table of named LL2 objects: besides its own criteria and orderings,
    each is filtered by `ids` and `search` (by default a substring of the name) and ordered
    by NAME and ID."""
    return Listing(
        table,
        criteria={
            "ids": one_of(table.c.id),
            **(criteria or {}),
            "search": search or contains(table.c.name),
        },
        orderings={**(orderings or {}), "NAME": table.c.name, "ID": table.c.id},
        default=default,
    )


_event_type = T["event_type"]

# LL2's orbit of suborbital flights (named "Sub-Orbital", later "Suborbital"): its
# include_suborbital=false leaves out the launches whose mission goes there.
SUBORBITAL_ORBIT = 15
_suborbital_missions = select(mission.c.id).where(mission.c.orbit_id == SUBORBITAL_ORBIT)


class MemberOf(FunctionElement[bool]):
    """`column` is one of the values of a subquery: on PostgreSQL `column = ANY(ARRAY(...))`,
    elsewhere `column IN (...)`; the same rows either way.

    PostgreSQL computes the array once (an InitPlan) and plans the outer scan for a handful of
    keys, an index lookup per key; for `IN` it estimates the subquery's rows and may read the
    whole table to hash-join them, as it did for a launch search (every launch's index entry
    to keep the 111 matched)."""

    type = Boolean()
    inherit_cache = True
    name = "member_of"

    def __init__(self, column: ColumnElement[Any], ids: SelectBase) -> None:
        super().__init__(column, ids.scalar_subquery())


@compiles(MemberOf)
def _member_of(element: MemberOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, ids = element.clauses
    return f"{compiler.process(column, **kw)} IN {compiler.process(ids, **kw)}"


@compiles(MemberOf, "postgresql")
def _member_of_pg(element: MemberOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, ids = element.clauses
    return f"{compiler.process(column, **kw)} = ANY(ARRAY{compiler.process(ids, **kw)})"


_matched = launch.alias("matched")


def _missions_to(orbits: Clause) -> Clause:
    """Launches whose mission goes to an orbit the clause picks."""
    return lambda value: launch.c.mission_id.in_(
        select(mission.c.id).where(mission.c.orbit_id.in_(select(orbit.c.id).where(orbits(value))))
    )


def _flying(link: str, target_col: str, targets: Any) -> ColumnElement[bool]:
    """Launches whose rocket flies one of `targets` (its stages or spacecraft flights, through
    the rocket's link table)."""
    rockets = T[link]
    return launch.c.rocket_id.in_(
        select(rockets.c.rocket_id).where(rockets.c[target_col].in_(targets))
    )


def _boosters(serials: Any) -> ColumnElement[bool]:
    """Launches whose rocket flies a booster of one of the serial numbers (B1082 ...)."""
    boosters = select(booster.c.id).where(booster.c.serial_number.in_(serials))
    stages = select(stage.c.id).where(stage.c.launcher_id.in_(boosters))
    return _flying("rocket_launcher_stage", "launcher_stage_id", stages)


def _spacecraft(crafts: Clause) -> Clause:
    """Launches whose rocket flies a spacecraft the clause picks."""

    def clause(value: Any) -> ColumnElement[bool]:
        chosen = select(spacecraft.c.id).where(crafts(value))
        flights = select(flight.c.id).where(flight.c.spacecraft_id.in_(chosen))
        return _flying("rocket_spacecraft_flight", "spacecraft_flight_id", flights)

    return clause


def _crewed(flag: bool) -> ColumnElement[bool]:
    """Launches whose rocket flies a spacecraft with a launch crew (LL2's `is_crewed`), or,
    given false, the others."""
    crews = select(T["launch_crew"].c.spacecraft_flight_id)
    crewed = _flying("rocket_spacecraft_flight", "spacecraft_flight_id", crews)
    return crewed if flag else or_(launch.c.rocket_id.is_(None), not_(crewed))


def _designated(designators: Any) -> ColumnElement[bool]:
    """Launches with one of the COSPAR designators: the launch's own (API 2.3.0 on) or, as
    API 2.2.0 sent it, its mission's."""
    return or_(
        launch.c.launch_designator.in_(designators),
        launch.c.mission_id.in_(
            select(mission.c.id).where(mission.c.launch_designator.in_(designators))
        ),
    )


def _launches_matching(text: str) -> CompoundSelect:
    """The ids of the launches whose name, mission name, provider name or abbreviation, or
    rocket configuration name or full name contains `text` (LL2's launch ?search=).

    One SELECT per way of matching, united, rather than one OR over them: each arm can then
    use its own index (a trigram index on a name, the foreign key's index for the rows of the
    matched missions, providers and rockets), where an OR makes PostgreSQL test every launch."""
    return union(
        select(_matched.c.id).where(contains(_matched.c.name)(text)),
        select(_matched.c.id).where(
            _matched.c.mission_id.in_(select(mission.c.id).where(contains(mission.c.name)(text)))
        ),
        select(_matched.c.id).where(
            _matched.c.launch_service_provider_id.in_(
                select(agency.c.id).where(contains(agency.c.name, agency.c.abbrev)(text))
            )
        ),
        select(_matched.c.id).where(
            _matched.c.rocket_id.in_(
                select(rocket.c.id).where(
                    rocket.c.configuration_id.in_(
                        select(config.c.id).where(contains(config.c.name, config.c.full_name)(text))
                    )
                )
            )
        ),
    )


EVENTS = named(
    event,
    {
        "type_ids": one_of(event.c.type_id),
        "type_name": lambda name: event.c.type_id.in_(
            select(_event_type.c.id).where(iequals(_event_type.c.name)(name))
        ),
        "program_ids": linked(event.c.id, T["event_program"], "event_id", "program_id"),
        "agency_ids": linked(event.c.id, T["event_agency"], "event_id", "agency_id"),
        "launch_ids": linked(event.c.id, T["event_launch"], "event_id", "launch_id"),
        "spacestation_ids": linked(
            event.c.id, T["event_spacestation"], "event_id", "spacestation_id"
        ),
        "last_updated": in_range(event.c.last_updated),
        "date": in_range(event.c.date),
        "date_from": lambda t: event.c.date >= t,
        "date_until": lambda t: event.c.date <= t,
        **dated(event.c.date),
        "slug": equals(event.c.slug),
        "video_url": equals(event.c.video_url),
    },
    orderings={"DATE": event.c.date, "LAST_UPDATED": event.c.last_updated},
    default=(("DATE", True), ("ID", True)),
)

LAUNCHES = named(
    launch,
    {
        "name": equals(launch.c.name),
        "slug": equals(launch.c.slug),
        "status_ids": one_of(launch.c.status_id),
        "provider_ids": one_of(launch.c.launch_service_provider_id),
        "provider_name": lambda name: launch.c.launch_service_provider_id.in_(
            select(agency.c.id).where(iequals(agency.c.name)(name))
        ),
        "configuration_ids": lambda ids: launch.c.rocket_id.in_(
            select(rocket.c.id).where(rocket.c.configuration_id.in_(ids))
        ),
        "pad_ids": one_of(launch.c.pad_id),
        "location_ids": lambda ids: launch.c.pad_id.in_(
            select(pad.c.id).where(pad.c.location_id.in_(ids))
        ),
        "mission_agency_ids": lambda ids: launch.c.mission_id.in_(
            select(T["mission_agency"].c.mission_id).where(T["mission_agency"].c.agency_id.in_(ids))
        ),
        "launch_designators": _designated,
        "serial_numbers": _boosters,
        "spacecraft_ids": _spacecraft(one_of(spacecraft.c.id)),
        "spacecraft_name": _spacecraft(equals(spacecraft.c.name)),
        "spacecraft_name_contains": _spacecraft(contains(spacecraft.c.name)),
        "spacecraft_config_ids": _spacecraft(one_of(spacecraft.c.spacecraft_config_id)),
        "crewed": _crewed,
        "orbit_name": _missions_to(equals(orbit.c.name)),
        "orbit_name_contains": _missions_to(contains(orbit.c.name)),
        "orbit_celestial_body_ids": _missions_to(one_of(orbit.c.celestial_body_id)),
        "location_celestial_body_ids": lambda ids: launch.c.pad_id.in_(
            select(pad.c.id).where(
                pad.c.location_id.in_(
                    select(location.c.id).where(location.c.celestial_body_id.in_(ids))
                )
            )
        ),
        "program_ids": linked(launch.c.id, T["launch_program"], "launch_id", "program_id"),
        "event_ids": linked(launch.c.id, T["event_launch"], "launch_id", "event_id"),
        "suborbital": lambda flag: (
            launch.c.mission_id.in_(_suborbital_missions)
            if flag
            else or_(
                launch.c.mission_id.is_(None), launch.c.mission_id.not_in(_suborbital_missions)
            )
        ),
        "net": in_range(launch.c.net),
        "window_start": in_range(launch.c.window_start),
        "window_end": in_range(launch.c.window_end),
        "net_from": lambda t: launch.c.net >= t,
        "net_until": lambda t: launch.c.net <= t,
        "last_updated": in_range(launch.c.last_updated),
        **dated(launch.c.net),
    },
    orderings={"NET": launch.c.net, "LAST_UPDATED": launch.c.last_updated},
    search=lambda text: MemberOf(launch.c.id, _launches_matching(text)),
    default=(("NET", True), ("ID", True)),
)

AGENCIES = named(
    agency,
    {
        "name": iequals(agency.c.name),
        "abbrev": equals(agency.c.abbrev),
        "type": iequals(agency.c.type),
        "country_code": equals(agency.c.country_code),
        "featured": equals(agency.c.featured),
    },
    search=contains(agency.c.name, agency.c.abbrev),
)

PROGRAMS = named(
    program,
    {
        "name": iequals(program.c.name),
        "type_ids": one_of(program.c.type_id),
        "agency_ids": linked(program.c.id, T["program_agency"], "program_id", "agency_id"),
        "start_date": in_range(program.c.start_date),
    },
    orderings={"START_DATE": program.c.start_date},
)

PADS = named(
    pad,
    {
        "name": iequals(pad.c.name),
        "location_ids": one_of(pad.c.location_id),
        "agency_ids": one_of(pad.c.agency_id),
        "country_code": lambda code: or_(
            pad.c.country_code == code,
            pad.c.location_id.in_(select(location.c.id).where(location.c.country_code == code)),
        ),
    },
)

LOCATIONS = named(
    location,
    {"name": iequals(location.c.name), "country_code": equals(location.c.country_code)},
)

SPACESTATIONS = named(
    station,
    {"status_ids": one_of(station.c.status_id)},
    orderings={"FOUNDED": station.c.founded},
)

EXPEDITIONS = named(
    expedition,
    {
        "spacestation_ids": one_of(expedition.c.spacestation_id),
        "start": in_range(expedition.c.start),
    },
    orderings={"START": expedition.c.start},
)

LAUNCHER_CONFIGS = named(
    config,
    {
        "family": iequals(config.c.family),
        "manufacturer_ids": one_of(config.c.manufacturer_id),
        "active": equals(config.c.active),
        "reusable": equals(config.c.reusable),
    },
    search=contains(config.c.name, config.c.full_name, config.c.family),
)

EVENT_TYPES = named(_event_type)

LISTINGS: dict[str, Listing] = {
    "event": EVENTS,
    "launch": LAUNCHES,
    "agency": AGENCIES,
    "program": PROGRAMS,
    "pad": PADS,
    "location": LOCATIONS,
    "spacestation": SPACESTATIONS,
    "expedition": EXPEDITIONS,
    "launcher_config": LAUNCHER_CONFIGS,
    "event_type": EVENT_TYPES,
}
