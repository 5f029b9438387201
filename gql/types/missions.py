"""Mission and Orbit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from launchgraph.gql.types.base import LL2Node, to_many, to_one
from launchgraph.gql.types.urls import InfoURL, VidURL
from strawberry.types import Info

if TYPE_CHECKING:
    from launchgraph.gql.types.agencies import Agency

_agencies = strawberry.lazy("launchgraph.gql.types.agencies")


@strawberry.type(description="A target orbit (Low Earth Orbit, GTO ...).")
class Orbit(LL2Node):
    table = "orbit"
    ll2_id: int = strawberry.field(description="LL2's id of the orbit.")
    name: str | None = strawberry.field(description="Name.")
    abbrev: str | None = strawberry.field(description="Abbreviation (LEO, GTO ...).")


@strawberry.type(description="The mission a launch flies.")
class Mission(LL2Node):
    table = "mission"
    ll2_id: int = strawberry.field(description="LL2's id of the mission.")
    launch_library_id: int | None = strawberry.field(description="Legacy Launch Library 1 id.")
    name: str | None = strawberry.field(description="Name.")
    description: str | None = strawberry.field(description="What the mission does.")
    launch_designator: str | None = strawberry.field(description="International designator.")
    type: str | None = strawberry.field(description="Mission type (Resupply, Communications ...).")
    orbit_id: strawberry.Private[int | None]

    @strawberry.field(description="The target orbit.")
    @to_one("orbit", "orbit_id")
    async def orbit(self, info: Info) -> Orbit | None: ...

    @strawberry.field(description="Agencies behind the mission, in LL2's order.")
    @to_many("mission.agencies")
    async def agencies(self, info: Info) -> list[Annotated[Agency, _agencies]]: ...

    @strawberry.field(description="Links to information about the mission.")
    @to_many("mission.info_urls")
    async def info_urls(self, info: Info) -> list[InfoURL]: ...

    @strawberry.field(description="Links to videos of the mission.")
    @to_many("mission.vid_urls")
    async def vid_urls(self, info: Info) -> list[VidURL]: ...
