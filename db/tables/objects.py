"""What LL2 objects share: LL2's id, and where the API serves the object at its own URL, that
URL; a picture; web pages."""

from __future__ import annotations

from typing import Any

from sqlmodel import Field, SQLModel

from launchgraph.db.tables.eras import text_of


def ll2_object(noun: str, *, served: bool = True, uuid: bool = False) -> Any:
    """A mixin (listed last among a table's bases, so its columns come first): `id`, LL2's id
    of the `noun` (an integer, or with `uuid` a UUID's text), the primary key; with `served`,
    `url`, the LL2 API URL of the `noun`."""
    if uuid:
        key = Field(
            primary_key=True, max_length=36, description=f"LL2's id of the {noun} (a UUID)."
        )
    else:
        key = Field(primary_key=True, description=f"LL2's id of the {noun}.")
    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__annotations__": {"id": str if uuid else int},
        "id": key,
    }
    if served:
        namespace["__annotations__"]["url"] = str | None
        namespace["url"] = Field(default=None, description=f"The LL2 API URL of the {noun}.")
    return type(f"LL2{noun.title().replace(' ', '')}", (SQLModel,), namespace)


class Pictured(SQLModel):
    """An object with a picture: its URL in every API version (LL2 sent the URL before API
    2.3.0, then an Image), and the Image itself (API 2.3.0 on)."""

    image_url: str | None = text_of("image", "image_url", "Image URL (also of `image`).")
    image_id: int | None = Field(default=None, foreign_key="image.id")


class WebPages(SQLModel):
    """An object's pages on the web."""

    info_url: str | None = Field(default=None, description="Official page.")
    wiki_url: str | None = Field(default=None, description="Wikipedia article.")
