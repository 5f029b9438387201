"""InfoURL and VidURL: links listed on events, launches and missions."""

from __future__ import annotations

from datetime import datetime

import strawberry
from launchgraph.gql.types.base import FromRow


@strawberry.type(description="A link to information, as listed by LL2.")
class InfoURL(FromRow):
    table = "info_url"
    priority: int | None = strawberry.field(description="Display priority (higher first).")
    source: str | None = strawberry.field(description="Who publishes it.")
    title: str | None = strawberry.field(description="Title.")
    description: str | None = strawberry.field(description="Description.")
    feature_image: str | None = strawberry.field(description="Image URL.")
    url: str | None = strawberry.field(description="The link.")
    type_name: str | None = strawberry.field(description="Kind of link (LL2 `type.name`).")
    language_code: str | None = strawberry.field(description="Language code (LL2 `language`).")


@strawberry.type(description="A link to a video or webcast, as listed by LL2.")
class VidURL(FromRow):
    table = "vid_url"
    priority: int | None = strawberry.field(description="Display priority (higher first).")
    source: str | None = strawberry.field(description="Where it is hosted.")
    publisher: str | None = strawberry.field(description="Who publishes it.")
    title: str | None = strawberry.field(description="Title.")
    description: str | None = strawberry.field(description="Description.")
    feature_image: str | None = strawberry.field(description="Thumbnail URL.")
    url: str | None = strawberry.field(description="The link.")
    type_name: str | None = strawberry.field(description="Kind of video (LL2 `type.name`).")
    language_code: str | None = strawberry.field(description="Language code (LL2 `language`).")
    start_time: datetime | None = strawberry.field(description="When the stream starts.")
    end_time: datetime | None = strawberry.field(description="When the stream ends.")
    live: bool | None = strawberry.field(description="Whether it is live now.")
