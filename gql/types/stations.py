"""SpaceStation, its status, and Expedition."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from launchgraph.gql.pagination import Connection
from launchgraph.gql.types.base import LL2Node, to_one, to_pages
from strawberry.types import Info

if TYPE_CHECKING:
    from launchgraph.gql.types.events import Event

_events = strawberry.lazy("launchgraph.gql.types.events")


@strawberry.type(description="A space station's status (Active, De-Orbited ...).")
class SpaceStationStatus(LL2Node):
    table = "spacestation_status"
    ll2_id: int = strawberry.field(description="LL2's id of the status.")
    name: str | None = strawberry.field(description="Name.")


@strawberry.type(description="A space station.")
class SpaceStation(LL2Node):
    table = "spacestation"
    ll2_id: int = strawberry.field(description="LL2's id of the station.")
    url: str | None = strawberry.field(description="The LL2 API URL of the station.")
    name: str = strawberry.field(description="Name.")
    founded: date | None = strawberry.field(description="When it was founded.")
    description: str | None = strawberry.field(description="About the station.")
    orbit: str | None = strawberry.field(description="Its orbit, as text.")
    image_url: str | None = strawberry.field(description="Image URL.")
    status_id: strawberry.Private[int | None]

    @strawberry.field(description="The station's status.")
    @to_one("spacestation_status", "status_id")
    async def status(self, info: Info) -> SpaceStationStatus | None: ...

    @strawberry.field(description="Expeditions aboard the station, by id.")
    @to_pages("spacestation.expeditions")
    async def expeditions(self, info: Info) -> Connection[Expedition]: ...

    @strawberry.field(description="Events involving the station, by date.")
    @to_pages("spacestation.events")
    async def events(self, info: Info) -> Connection[Annotated[Event, _events]]: ...


@strawberry.type(description="A crewed expedition aboard a space station.")
class Expedition(LL2Node):
    table = "expedition"
    ll2_id: int = strawberry.field(description="LL2's id of the expedition.")
    url: str | None = strawberry.field(description="The LL2 API URL of the expedition.")
    name: str = strawberry.field(description="Name.")
    start: datetime | None = strawberry.field(description="When it started.")
    end: datetime | None = strawberry.field(description="When it ended, if it has.")
    spacestation_id: strawberry.Private[int | None]

    @strawberry.field(description="The station.")
    @to_one("spacestation", "spacestation_id")
    async def spacestation(self, info: Info) -> SpaceStation | None: ...
