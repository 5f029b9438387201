"""Event: the root of the graph, with its type, date precision and updates."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from launchgraph.gql.types.base import LL2Node, to_many, to_one
from launchgraph.gql.types.urls import InfoURL, VidURL
from strawberry.types import Info

if TYPE_CHECKING:
    from launchgraph.gql.types.agencies import Agency
    from launchgraph.gql.types.launches import Launch
    from launchgraph.gql.types.programs import Program
    from launchgraph.gql.types.stations import Expedition, SpaceStation

_agencies = strawberry.lazy("launchgraph.gql.types.agencies")
_launches = strawberry.lazy("launchgraph.gql.types.launches")
_programs = strawberry.lazy("launchgraph.gql.types.programs")
_stations = strawberry.lazy("launchgraph.gql.types.stations")


@strawberry.type(
    description="How precise a date is (LL2 `date_precision`, also a launch's `net_precision`)."
)
class DatePrecision(LL2Node):
    table = "date_precision"
    ll2_id: int = strawberry.field(description="LL2's id of the precision.")
    name: str | None = strawberry.field(description="Name (Second, Hour, Month, Year ...).")
    abbrev: str | None = strawberry.field(description="Abbreviation.")
    description: str | None = strawberry.field(description="What the precision means.")


@strawberry.type(description="A kind of event (Docking, Spacewalk, Flyby ...).")
class EventType(LL2Node):
    table = "event_type"
    ll2_id: int = strawberry.field(description="LL2's id of the event type.")
    name: str | None = strawberry.field(description="Name of the type.")


@strawberry.type(description="A news update posted on an event.")
class EventUpdate(LL2Node):
    table = "event_update"
    ll2_id: int = strawberry.field(description="LL2's id of the update.")
    profile_image: str | None = strawberry.field(description="Avatar of the author.")
    comment: str | None = strawberry.field(description="The update's text.")
    info_url: str | None = strawberry.field(description="A link with more information.")
    created_by: str | None = strawberry.field(description="Who posted it.")
    created_on: datetime | None = strawberry.field(description="When it was posted.")


@strawberry.type(
    description="Something that happens in spaceflight: a docking, a spacewalk, a landing, a "
    "flyby ..., linked to launches, programs, agencies, space stations and expeditions."
)
class Event(LL2Node):
    table = "event"
    ll2_id: int = strawberry.field(description="LL2's id of the event.")
    url: str | None = strawberry.field(description="The LL2 API URL of the event.")
    slug: str | None = strawberry.field(description="URL-friendly unique name.")
    name: str = strawberry.field(description="Name of the event.")
    description: str | None = strawberry.field(description="What happens.")
    webcast_live: bool | None = strawberry.field(description="Whether a webcast is live now.")
    location: str | None = strawberry.field(description="Where it happens, as text.")
    news_url: str | None = strawberry.field(description="A news article about it.")
    video_url: str | None = strawberry.field(description="A video of it.")
    feature_image: str | None = strawberry.field(description="Image URL.")
    date: datetime | None = strawberry.field(description="When it happens (UTC).")
    duration: str | None = strawberry.field(description="How long it lasts, as LL2 gives it.")
    last_updated: datetime | None = strawberry.field(
        description="When LL2 last changed the event (null in API 2.0.0 data)."
    )
    type_id: strawberry.Private[int | None]
    date_precision_id: strawberry.Private[int | None]

    @strawberry.field(description="The kind of event.")
    @to_one("event_type", "type_id")
    async def type(self, info: Info) -> EventType | None: ...

    @strawberry.field(description="How precise `date` is.")
    @to_one("date_precision", "date_precision_id")
    async def date_precision(self, info: Info) -> DatePrecision | None: ...

    @strawberry.field(description="Launches related to the event, in LL2's order.")
    @to_many("event.launches")
    async def launches(self, info: Info) -> list[Annotated[Launch, _launches]]: ...

    @strawberry.field(description="Agencies involved, in LL2's order.")
    @to_many("event.agencies")
    async def agencies(self, info: Info) -> list[Annotated[Agency, _agencies]]: ...

    @strawberry.field(description="Programs the event belongs to (LL2 `program`).")
    @to_many("event.programs")
    async def programs(self, info: Info) -> list[Annotated[Program, _programs]]: ...

    @strawberry.field(description="Space stations involved.")
    @to_many("event.spacestations")
    async def spacestations(self, info: Info) -> list[Annotated[SpaceStation, _stations]]: ...

    @strawberry.field(description="Expeditions involved.")
    @to_many("event.expeditions")
    async def expeditions(self, info: Info) -> list[Annotated[Expedition, _stations]]: ...

    @strawberry.field(description="News updates posted on the event, in LL2's order.")
    @to_many("event.updates")
    async def updates(self, info: Info) -> list[EventUpdate]: ...

    @strawberry.field(description="Links to information about the event.")
    @to_many("event.info_urls")
    async def info_urls(self, info: Info) -> list[InfoURL]: ...

    @strawberry.field(description="Links to videos of the event.")
    @to_many("event.vid_urls")
    async def vid_urls(self, info: Info) -> list[VidURL]: ...
