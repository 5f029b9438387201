"""Images as API 2.3.0 describes them: shared between objects, with a licence and variants."""

from __future__ import annotations

from sqlmodel import Field

from launchgraph.db.tables.objects import ll2_object
from launchgraph.db.tables.urls import nested


class Image(ll2_object("image", served=False), table=True):
    """A picture from LL2 (API 2.3.0 on): its URL and thumbnail, credit, licence and variants.
    Older API versions sent only a URL, kept in the owner's *URL field."""

    __tablename__ = "image"
    name: str | None = Field(default=None, description="Caption ([AUTO] ones are automatic).")
    image_url: str | None = Field(default=None, description="URL of the full-size image.")
    thumbnail_url: str | None = Field(default=None, description="URL of the thumbnail.")
    credit: str | None = Field(default=None, description="Who made the image.")
    single_use: bool | None = Field(
        default=None, description="Whether the image belongs to a single object."
    )
    license_id: int | None = nested("license", "id", "LL2's id of the licence.")
    license_name: str | None = nested("license", "name", "Name of the licence.")
    license_priority: int | None = nested(
        "license", "priority", "LL2's ordering weight of the licence."
    )
    license_link: str | None = nested("license", "link", "URL of the licence text.")


class ImageVariant(ll2_object("variant", served=False), table=True):
    """Another rendition of an image (a light or dark logo ...)."""

    __tablename__ = "image_variant"
    type_id: int | None = nested("type", "id", "LL2's id of the variant type.")
    type_name: str | None = nested("type", "name", "Kind of variant.")
    image_url: str | None = Field(default=None, description="URL of the variant.")
