"""Location (a launch site) and Pad."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry
from launchgraph.gql.pagination import Connection
from launchgraph.gql.types.base import LL2Node, to_one, to_pages
from sqlalchemy import Row
from strawberry.types import Info

if TYPE_CHECKING:
    from launchgraph.gql.types.launches import Launch

_launches = strawberry.lazy("launchgraph.gql.types.launches")


@strawberry.type(description="A launch site, such as Kennedy Space Center.")
class Location(LL2Node):
    table = "location"
    ll2_id: int = strawberry.field(description="LL2's id of the location.")
    url: str | None = strawberry.field(description="The LL2 API URL of the location.")
    name: str = strawberry.field(description="Name.")
    country_code: str | None = strawberry.field(description="ISO 3166-1 alpha-3 country code.")
    description: str | None = strawberry.field(description="About the site.")
    map_image: str | None = strawberry.field(description="Map image URL.")
    timezone_name: str | None = strawberry.field(description="IANA time zone of the site.")
    total_launch_count: int | None = strawberry.field(description="Launches from here (LL2).")
    total_landing_count: int | None = strawberry.field(description="Landings here (LL2).")

    @strawberry.field(description="The pads at this location.")
    @to_pages("location.pads")
    async def pads(self, info: Info) -> Connection[Pad]: ...


@strawberry.type(description="A launch pad.")
class Pad(LL2Node):
    table = "pad"
    ll2_id: int = strawberry.field(description="LL2's id of the pad.")
    url: str | None = strawberry.field(description="The LL2 API URL of the pad.")
    agency_id: int | None = strawberry.field(description="LL2 id of the agency owning the pad.")
    name: str = strawberry.field(description="Name.")
    description: str | None = strawberry.field(description="About the pad.")
    info_url: str | None = strawberry.field(description="Official page.")
    wiki_url: str | None = strawberry.field(description="Wikipedia article.")
    map_url: str | None = strawberry.field(description="Map link.")
    latitude: float | None = strawberry.field(description="Latitude in decimal degrees.")
    longitude: float | None = strawberry.field(description="Longitude in decimal degrees.")
    country_code: str | None = strawberry.field(description="ISO 3166-1 alpha-3 country code.")
    map_image: str | None = strawberry.field(description="Map image URL.")
    total_launch_count: int | None = strawberry.field(description="Launches from here (LL2).")
    orbital_launch_attempt_count: int | None = strawberry.field(
        description="Orbital launch attempts from here (LL2)."
    )
    location_id: strawberry.Private[int | None]

    @classmethod
    def from_row(cls, row: Row[Any] | Mapping[str, Any]) -> Self:
        pad = super().from_row(row)
        # Stored as LL2's exact decimal text; served as numbers.
        pad.latitude = None if pad.latitude is None else float(pad.latitude)
        pad.longitude = None if pad.longitude is None else float(pad.longitude)
        return pad

    @strawberry.field(description="The launch site the pad belongs to.")
    @to_one("location", "location_id")
    async def location(self, info: Info) -> Location | None: ...

    @strawberry.field(description="Launches from this pad, by NET.")
    @to_pages("pad.launches")
    async def launches(self, info: Info) -> Connection[Annotated[Launch, _launches]]: ...
