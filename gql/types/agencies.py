"""Agency: launch providers, manufacturers and space agencies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from launchgraph.gql.pagination import Connection
from launchgraph.gql.types.base import LL2Node, to_pages
from strawberry.types import Info

if TYPE_CHECKING:
    from launchgraph.gql.types.events import Event
    from launchgraph.gql.types.launches import Launch, LauncherConfig
    from launchgraph.gql.types.programs import Program

_events = strawberry.lazy("launchgraph.gql.types.events")
_launches = strawberry.lazy("launchgraph.gql.types.launches")
_programs = strawberry.lazy("launchgraph.gql.types.programs")


@strawberry.type(
    description="An agency: a launch service provider, a manufacturer, or a space agency. "
    "Counters are LL2's own figures."
)
class Agency(LL2Node):
    table = "agency"
    ll2_id: int = strawberry.field(description="LL2's id of the agency.")
    url: str | None = strawberry.field(description="The LL2 API URL of the agency.")
    name: str = strawberry.field(description="Full name.")
    featured: bool | None = strawberry.field(description="Whether LL2 features the agency.")
    type: str | None = strawberry.field(
        description="Kind of agency (Government, Commercial, Multinational ...)."
    )
    country_code: str | None = strawberry.field(
        description="ISO 3166-1 alpha-3 country codes, comma separated."
    )
    abbrev: str | None = strawberry.field(description="Abbreviation (NASA, JAXA ...).")
    description: str | None = strawberry.field(description="About the agency.")
    administrator: str | None = strawberry.field(description="Who leads the agency.")
    founding_year: str | None = strawberry.field(description="Year founded, as LL2 gives it.")
    launchers: str | None = strawberry.field(description="Launchers it operates, as text.")
    spacecraft: str | None = strawberry.field(description="Spacecraft it operates, as text.")
    parent: str | None = strawberry.field(description="Parent organisation, if any.")
    launch_library_url: str | None = strawberry.field(
        description="URL in the legacy Launch Library 1 API."
    )
    total_launch_count: int | None = strawberry.field(description="Launches, all time (LL2).")
    consecutive_successful_launches: int | None = strawberry.field(
        description="Current streak of successful launches (LL2)."
    )
    successful_launches: int | None = strawberry.field(description="Successful launches (LL2).")
    failed_launches: int | None = strawberry.field(description="Failed launches (LL2).")
    pending_launches: int | None = strawberry.field(description="Upcoming launches (LL2).")
    consecutive_successful_landings: int | None = strawberry.field(
        description="Current streak of successful landings (LL2)."
    )
    successful_landings: int | None = strawberry.field(description="Successful landings (LL2).")
    failed_landings: int | None = strawberry.field(description="Failed landings (LL2).")
    attempted_landings: int | None = strawberry.field(description="Attempted landings (LL2).")
    info_url: str | None = strawberry.field(description="Official website.")
    wiki_url: str | None = strawberry.field(description="Wikipedia article.")
    logo_url: str | None = strawberry.field(description="Logo image URL.")
    image_url: str | None = strawberry.field(description="Image URL.")
    nation_url: str | None = strawberry.field(description="Flag or nation image URL.")

    @strawberry.field(description="Launches this agency provided (as launch service provider).")
    @to_pages("agency.launches")
    async def launches(self, info: Info) -> Connection[Annotated[Launch, _launches]]: ...

    @strawberry.field(description="Programs this agency takes part in.")
    @to_pages("agency.programs")
    async def programs(self, info: Info) -> Connection[Annotated[Program, _programs]]: ...

    @strawberry.field(description="Events this agency is named in, by date.")
    @to_pages("agency.events")
    async def events(self, info: Info) -> Connection[Annotated[Event, _events]]: ...

    @strawberry.field(description="Launcher configurations this agency manufactures.")
    @to_pages("agency.launcher_configs")
    async def launcher_configs(
        self, info: Info
    ) -> Connection[Annotated[LauncherConfig, _launches]]: ...
