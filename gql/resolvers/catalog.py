"""Root fields for the reference entities (agencies, programs, pads, locations, space stations,
expeditions, launcher configurations): a lookup and a list each, made by one factory since
they differ only in their types."""

# No `from __future__ import annotations` here: the factory's resolvers need real annotation
# objects, which Strawberry reads to build the arguments.

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry
from launchgraph.gql import inputs
from launchgraph.gql.pagination import Connection
from launchgraph.gql.resolvers.args import FILTER, GID, LL2ID, ORDER
from launchgraph.gql.resolvers.lists import list_connection
from launchgraph.gql.resolvers.lookup import by_id_or_key, exactly_one
from launchgraph.gql.types.agencies import Agency
from launchgraph.gql.types.base import AFTER, BEFORE, FIRST, LAST
from launchgraph.gql.types.launches import LauncherConfig
from launchgraph.gql.types.places import Location, Pad
from launchgraph.gql.types.programs import Program
from launchgraph.gql.types.stations import Expedition, SpaceStation
from strawberry.types import Info


def pair(
    table: str, node: type, filter_type: type, order_type: type
) -> tuple[Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]]:
    """(lookup by id or ll2Id, filtered ordered list) resolvers for one entity table."""

    async def lookup(
        info: Info,
        id: Annotated[strawberry.ID | None, GID] = None,
        ll2_id: Annotated[int | None, LL2ID] = None,
    ) -> node | None:  # type: ignore[valid-type]
        exactly_one(id=id, ll2Id=ll2_id)
        return await by_id_or_key(info, table, id, ll2_id)

    async def listing(
        info: Info,
        filter: Annotated[filter_type | None, FILTER] = None,  # type: ignore[valid-type]
        order_by: Annotated[list[order_type] | None, ORDER] = None,  # type: ignore[valid-type]
        first: Annotated[int | None, FIRST] = None,
        after: Annotated[str | None, AFTER] = None,
        last: Annotated[int | None, LAST] = None,
        before: Annotated[str | None, BEFORE] = None,
    ) -> Connection[node]:  # type: ignore[valid-type]
        return await list_connection(info, table, filter, order_by, first, after, last, before)

    return lookup, listing


agency, agencies = pair("agency", Agency, inputs.AgencyFilter, inputs.AgencyOrder)
program, programs = pair("program", Program, inputs.ProgramFilter, inputs.ProgramOrder)
pad, pads = pair("pad", Pad, inputs.PadFilter, inputs.PadOrder)
location, locations = pair("location", Location, inputs.LocationFilter, inputs.LocationOrder)
spacestation, spacestations = pair(
    "spacestation", SpaceStation, inputs.SpaceStationFilter, inputs.SpaceStationOrder
)
expedition, expeditions = pair(
    "expedition", Expedition, inputs.ExpeditionFilter, inputs.ExpeditionOrder
)
launcher_config, launcher_configs = pair(
    "launcher_config", LauncherConfig, inputs.LauncherConfigFilter, inputs.LauncherConfigOrder
)
