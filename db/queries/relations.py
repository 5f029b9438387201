"""Relations of the graph, each read for many owners in one statement.

`Linked`: a many-to-many list in LL2's order (event.launches). `Owned`: rows belonging to one
owner (event.updates). `Reverse`: a possibly large list pointing back at an owner
(agency.launches, program.events), read one keyset page per owner.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from launchgraph.db.queries.listings import LISTINGS, Listing
from launchgraph.db.tables import metadata
from sqlalchemy import ColumnElement, FromClause, Row, Table, select
from sqlalchemy.ext.asyncio import AsyncConnection

T = metadata.tables


async def rows_by_id(
    conn: AsyncConnection, table: Table, ids: Sequence[Any]
) -> dict[Any, Row[Any]]:
    """Rows of `table` with these ids, keyed by id (missing ids are absent)."""
    result = await conn.execute(select(table).where(table.c.id.in_(ids)))
    return {row.id: row for row in result.all()}


@dataclass(frozen=True)
class Linked:
    """owner -> [target] through a link table with positions."""

    link: Table
    owner_col: str
    target_col: str
    target: Table
    # Target columns that order the list instead of the link's position, for a link read
    # backwards (its positions order the other side's lists).
    order: tuple[str, ...] = ()

    def sort_columns(self, link: FromClause, target: FromClause) -> list[ColumnElement[Any]]:
        """What the list is sorted by, ascending with NULLs last, for (aliases of) the link
        and target tables."""
        return [target.c[name] for name in self.order] or [link.c.position]

    async def fetch(self, conn: AsyncConnection, owners: Sequence[Any]) -> dict[Any, list]:
        link = self.link
        owner = link.c[self.owner_col].label("_owner")
        stmt = (
            select(owner, self.target)
            .join_from(link, self.target, link.c[self.target_col] == self.target.c.id)
            .where(link.c[self.owner_col].in_(owners))
            .order_by(
                link.c[self.owner_col],
                *(c.asc().nulls_last() for c in self.sort_columns(link, self.target)),
            )
        )
        grouped: dict[Any, list[Row[Any]]] = defaultdict(list)
        for row in (await conn.execute(stmt)).all():
            grouped[row._owner].append(row)
        return grouped


@dataclass(frozen=True)
class Owned:
    """owner -> [rows of `table` whose `owner_col` is the owner], in position order."""

    table: Table
    owner_col: str

    async def fetch(self, conn: AsyncConnection, owners: Sequence[Any]) -> dict[Any, list]:
        col = self.table.c[self.owner_col]
        stmt = select(self.table).where(col.in_(owners)).order_by(col, self.table.c.position)
        grouped: dict[Any, list[Row[Any]]] = defaultdict(list)
        for row in (await conn.execute(stmt)).all():
            grouped[row._mapping[self.owner_col]].append(row)
        return grouped


@dataclass(frozen=True)
class Reverse:
    """owner -> a filtered, ordered page of `listing`'s rows that point at the owner."""

    listing: Listing
    source: FromClause
    owner: ColumnElement[Any]


def _link(
    name: str, owner_col: str, target_col: str, target: str, order: tuple[str, ...] = ()
) -> Linked:
    return Linked(T[name], owner_col, target_col, T[target], order)


def _through(listing: str, link: str, owner_col: str, target_col: str) -> Reverse:
    """A reverse list of `listing` rows reached through a link table."""
    lst = LISTINGS[listing]
    lt = T[link]
    return Reverse(lst, lst.table.join(lt, lt.c[target_col] == lst.table.c.id), lt.c[owner_col])


def _pointing(listing: str, column: str) -> Reverse:
    lst = LISTINGS[listing]
    return Reverse(lst, lst.table, lst.table.c[column])


LINKED: dict[str, Linked] = {
    "event.launches": _link("event_launch", "event_id", "launch_id", "launch"),
    "event.agencies": _link("event_agency", "event_id", "agency_id", "agency"),
    "event.programs": _link("event_program", "event_id", "program_id", "program"),
    "event.spacestations": _link(
        "event_spacestation", "event_id", "spacestation_id", "spacestation"
    ),
    "event.expeditions": _link("event_expedition", "event_id", "expedition_id", "expedition"),
    "launch.programs": _link("launch_program", "launch_id", "program_id", "program"),
    # The events a launch is in, by date as every event list (positions order event.launches).
    "launch.events": _link("event_launch", "launch_id", "event_id", "event", ("date", "id")),
    "program.agencies": _link("program_agency", "program_id", "agency_id", "agency"),
    "program.mission_patches": _link(
        "program_mission_patch", "program_id", "mission_patch_id", "mission_patch"
    ),
    "mission.agencies": _link("mission_agency", "mission_id", "agency_id", "agency"),
}

OWNED: dict[str, Owned] = {
    "event.updates": Owned(T["event_update"], "event_id"),
    "event.info_urls": Owned(T["info_url"], "event_id"),
    "event.vid_urls": Owned(T["vid_url"], "event_id"),
    "launch.info_urls": Owned(T["info_url"], "launch_id"),
    "launch.vid_urls": Owned(T["vid_url"], "launch_id"),
    "mission.info_urls": Owned(T["info_url"], "mission_id"),
    "mission.vid_urls": Owned(T["vid_url"], "mission_id"),
}

REVERSE: dict[str, Reverse] = {
    "agency.launches": _pointing("launch", "launch_service_provider_id"),
    "agency.programs": _through("program", "program_agency", "agency_id", "program_id"),
    "agency.events": _through("event", "event_agency", "agency_id", "event_id"),
    "agency.launcher_configs": _pointing("launcher_config", "manufacturer_id"),
    "program.events": _through("event", "event_program", "program_id", "event_id"),
    "program.launches": _through("launch", "launch_program", "program_id", "launch_id"),
    "location.pads": _pointing("pad", "location_id"),
    "pad.launches": _pointing("launch", "pad_id"),
    "launch_status.launches": _pointing("launch", "status_id"),
    "event_type.events": _pointing("event", "type_id"),
    "spacestation.expeditions": _pointing("expedition", "spacestation_id"),
    "spacestation.events": _through("event", "event_spacestation", "spacestation_id", "event_id"),
    "launcher_config.launches": Reverse(
        LISTINGS["launch"],
        T["launch"].join(T["rocket"], T["rocket"].c.id == T["launch"].c.rocket_id),
        T["rocket"].c.configuration_id,
    ),
}
