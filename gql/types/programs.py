"""Program, its type, and mission patches."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from launchgraph.gql.pagination import Connection
from launchgraph.gql.types.base import LL2Node, to_many, to_one, to_pages
from strawberry.types import Info

if TYPE_CHECKING:
    from launchgraph.gql.types.agencies import Agency
    from launchgraph.gql.types.events import Event
    from launchgraph.gql.types.launches import Launch

_agencies = strawberry.lazy("launchgraph.gql.types.agencies")
_events = strawberry.lazy("launchgraph.gql.types.events")
_launches = strawberry.lazy("launchgraph.gql.types.launches")


@strawberry.type(description="A kind of program (Human Spaceflight ...).")
class ProgramType(LL2Node):
    table = "program_type"
    ll2_id: int = strawberry.field(description="LL2's id of the program type.")
    name: str | None = strawberry.field(description="Name.")


@strawberry.type(description="A mission patch image.")
class MissionPatch(LL2Node):
    table = "mission_patch"
    ll2_id: int = strawberry.field(description="LL2's id of the patch.")
    name: str | None = strawberry.field(description="Name.")
    priority: int | None = strawberry.field(description="Display priority.")
    image_url: str | None = strawberry.field(description="Image URL.")
    agency_id: strawberry.Private[int | None]

    @strawberry.field(description="The agency the patch belongs to.")
    @to_one("agency", "agency_id")
    async def agency(self, info: Info) -> Annotated[Agency, _agencies] | None: ...


@strawberry.type(description="A spaceflight program (ISS, Artemis, Commercial Crew ...).")
class Program(LL2Node):
    table = "program"
    ll2_id: int = strawberry.field(description="LL2's id of the program.")
    url: str | None = strawberry.field(description="The LL2 API URL of the program.")
    name: str = strawberry.field(description="Name.")
    description: str | None = strawberry.field(description="About the program.")
    image_url: str | None = strawberry.field(description="Image URL.")
    start_date: datetime | None = strawberry.field(description="When the program started.")
    end_date: datetime | None = strawberry.field(description="When it ended, if it has.")
    info_url: str | None = strawberry.field(description="Official page.")
    wiki_url: str | None = strawberry.field(description="Wikipedia article.")
    type_id: strawberry.Private[int | None]

    @strawberry.field(description="The kind of program.")
    @to_one("program_type", "type_id")
    async def type(self, info: Info) -> ProgramType | None: ...

    @strawberry.field(description="Agencies taking part, in LL2's order.")
    @to_many("program.agencies")
    async def agencies(self, info: Info) -> list[Annotated[Agency, _agencies]]: ...

    @strawberry.field(description="Mission patches of the program.")
    @to_many("program.mission_patches")
    async def mission_patches(self, info: Info) -> list[MissionPatch]: ...

    @strawberry.field(description="Events of the program, by date.")
    @to_pages("program.events")
    async def events(self, info: Info) -> Connection[Annotated[Event, _events]]: ...

    @strawberry.field(description="Launches of the program, by NET.")
    @to_pages("program.launches")
    async def launches(self, info: Info) -> Connection[Annotated[Launch, _launches]]: ...
